/**
 * AMQP 1.0 links: {@link io.tributary.amqp.v10.link.IncomingLink} (a client's sender: publishes through the
 * router), {@link io.tributary.amqp.v10.link.OutgoingLink} (a client's receiver: a queue consumer with
 * link credit), {@link io.tributary.amqp.v10.link.CoordinatorLink} (transactions) and the attach logic.
 * Confined to the connection's event loop, except the credit counters that queue actors read.
 */
package io.tributary.amqp.v10.link;
