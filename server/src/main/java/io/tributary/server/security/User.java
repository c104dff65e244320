package io.tributary.server.security;

import io.tributary.config.security.ScramSecret;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One user as stored: name, tags, and the SCRAM secrets of the password per mechanism (empty: the
 * user has no password and can log in only by client certificate).
 */
public record User(String name, Set<String> tags, Map<String, ScramSecret> secrets) {
    /** The tags RabbitMQ's management knows; others are kept but mean nothing to the broker. */
    public static final List<String> KNOWN_TAGS = List.of("administrator", "monitoring", "policymaker", "management", "impersonator");

    public User {
        tags = Set.copyOf(tags);
        secrets = Map.copyOf(secrets);
    }

    public boolean hasPassword() {
        return !secrets.isEmpty();
    }
}
