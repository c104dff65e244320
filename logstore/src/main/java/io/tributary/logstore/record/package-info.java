/**
 * Kafka record batches (format v2, magic 2): their byte layout, validation of what producers send,
 * in-place offset assignment, and the views that hand file bytes to kafka-clients' classes.
 *
 * <p>This is the only package of the log store that imports {@code org.apache.kafka.*}; everything
 * it exposes to the rest of the store is Kafka-free except {@link io.tributary.logstore.record.LogSlice#records()},
 * which exists for the Kafka protocol layer.
 *
 * <p>Threading: stateless helpers, safe from any thread. A {@link io.tributary.logstore.record.LogSlice}
 * may be read concurrently; it shares its segment's channel and never closes it.
 */
package io.tributary.logstore.record;
