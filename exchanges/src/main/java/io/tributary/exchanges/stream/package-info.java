/**
 * Streams as protocols see them: destinations backed by partition logs (AMQP stream queues and
 * super streams are Kafka topics), read from an offset by cursors that survive nothing but their
 * consumer. Implemented by the server's log-backed destinations; the protocol modules consume them
 * without knowing about logs.
 *
 * <p>Threading: {@link io.tributary.exchanges.stream.StreamCursor#read} reads files and must run off
 * the event loops; everything else may be called from any thread.
 */
package io.tributary.exchanges.stream;
