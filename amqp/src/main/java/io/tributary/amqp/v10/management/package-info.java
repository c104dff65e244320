/**
 * The subset of RabbitMQ 4's management-over-AMQP (HTTP semantics over a link pair at {@code /management})
 * that RabbitMQ's AMQP 1.0 clients use to declare and delete queues, exchanges and bindings.
 * Confined to the connection's event loop.
 */
package io.tributary.amqp.v10.management;
