/**
 * Reaching queues this node does not hold (ADR 007 step 5): a classic queue lives on its home node,
 * and every other node keeps a {@link io.tributary.server.remote.RemoteQueue} for it that forwards
 * publishes (with publisher confirms) and proxies consumers, {@code basic.get}, purge, delete and
 * statistics over an internal AMQP 0-9-1 connection made with RabbitMQ's own {@code amqp-client},
 * as the internal user. The only package that imports {@code com.rabbitmq}.
 */
package io.tributary.server.remote;
