/**
 * The Kafka listener's Netty pipeline: framing, decoding, responses in request order with a bounded
 * in-flight queue as backpressure, and closing a connection on input it cannot read.
 *
 * <p>Threading: everything here runs on the connection's event loop; completions of requests
 * handled elsewhere come back through {@code eventLoop.execute}.
 */
package io.tributary.kafka.pipeline;
