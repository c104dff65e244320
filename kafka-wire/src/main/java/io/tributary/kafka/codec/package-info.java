/**
 * Kafka framing and the request/response codec: bytes to kafka-clients' generated request classes
 * and generated response classes back to bytes (with record sets from the log sent as file regions,
 * never copied onto the heap). No business logic lives here.
 *
 * <p>Threading: decoders and encoders run on the connection's event loop. This package and
 * {@code handler} are the only ones that import kafka-clients (with {@code error}), so an upgrade of
 * kafka-clients touches few files.
 */
package io.tributary.kafka.codec;
