/**
 * AMQP 1.0 local transactions (the coordinator link's declare and discharge): buffered publishes and
 * settlements per transaction, applied on commit and dropped (settlements requeued) on rollback.
 * Confined to the connection's event loop.
 */
package io.tributary.amqp.v10.tx;
