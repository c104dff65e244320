package io.tributary.kafka.security;

import io.tributary.config.security.UserDirectory;
import java.util.List;

/**
 * How the Kafka listener authenticates: its security protocol, the SASL mechanisms it offers (in
 * Kafka's names: {@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}), and the users they
 * check. {@link #none()} is the PLAINTEXT listener with no user store (embedded use and tests).
 */
public record KafkaSecurity(SecurityProtocol protocol, List<String> mechanisms, UserDirectory users) {
    public KafkaSecurity {
        mechanisms = List.copyOf(mechanisms);
        if (protocol.sasl() && users == null) {
            throw new IllegalArgumentException("a SASL listener needs a user directory");
        }
    }

    public static KafkaSecurity none() {
        return new KafkaSecurity(SecurityProtocol.PLAINTEXT, List.of(), null);
    }
}
