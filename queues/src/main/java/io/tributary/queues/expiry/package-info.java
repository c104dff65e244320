/** Message expiry without head-of-line blocking: a heap of out-of-order expiries and one timer per queue. Actor-confined. */
package io.tributary.queues.expiry;
