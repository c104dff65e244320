package io.tributary.kafka.handler;

/** Where clients reach one broker's Kafka listener. */
public record BrokerEndpoint(int nodeId, String host, int port) {
}
