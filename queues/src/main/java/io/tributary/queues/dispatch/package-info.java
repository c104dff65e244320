/** The contract between a queue and its consumers. Called on the queue's executor only. */
package io.tributary.queues.dispatch;
