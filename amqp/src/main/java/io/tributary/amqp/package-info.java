/**
 * AMQP 0-9-1 and AMQP 1.0 on one port, told apart by the protocol header: the port's
 * {@link io.tributary.amqp.AmqpChannelInitializer}, the {@link io.tributary.amqp.AmqpContext} the
 * server supplies, and the limits and resource alarm shared by all connections (thread-safe).
 */
package io.tributary.amqp;
