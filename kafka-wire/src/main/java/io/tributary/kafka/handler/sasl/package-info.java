/**
 * Kafka SASL: {@code SaslHandshake} (v0, v1) and {@code SaslAuthenticate} with PLAIN and
 * SCRAM-SHA-256/512 (kafka-clients' own SASL servers over the broker's user directory), and the gate
 * that refuses every other request before authentication as a Kafka broker does. Event-loop confined.
 */
package io.tributary.kafka.handler.sasl;
