/**
 * The Kafka listener's security as the protocol layer sees it: the security protocol, the SASL
 * mechanisms, the user directory they authenticate against, and each connection's authentication
 * state and principal. No kafka-clients types here (they stay in {@code handler.sasl}). Connection
 * state is confined to the connection's event loop.
 */
package io.tributary.kafka.security;
