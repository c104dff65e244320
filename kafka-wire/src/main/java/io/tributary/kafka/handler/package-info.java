/**
 * Kafka request handlers: one {@link io.tributary.kafka.handler.RequestHandler} per API key,
 * registered in the {@link io.tributary.kafka.handler.RequestDispatcher}. Handlers translate between
 * kafka-clients' generated messages and the log store; failures become Kafka error codes through
 * {@link io.tributary.kafka.error.KafkaErrorMapper}.
 *
 * <p>Threading: {@code handle} is called on the connection's event loop and must not block; work
 * that touches files runs on the connection's storage executor
 * ({@link io.tributary.kafka.ClientConnection#storage()}).
 */
package io.tributary.kafka.handler;
