package io.tributary.server.http.api;

import java.util.Set;

/**
 * The user tags a route needs, as RabbitMQ's management has them: {@code management} (and every
 * tag above it) for the API at all; {@code policymaker} for policies; {@code monitoring} to see
 * every virtual host, connection and node; {@code administrator} for users, permissions, virtual
 * hosts, definitions and topics.
 */
public enum Access {
    MANAGEMENT(Set.of("management", "policymaker", "monitoring", "administrator")),
    POLICYMAKER(Set.of("policymaker", "administrator")),
    MONITORING(Set.of("monitoring", "administrator")),
    ADMINISTRATOR(Set.of("administrator"));

    private final Set<String> tags;

    Access(Set<String> tags) {
        this.tags = tags;
    }

    public boolean allows(Set<String> userTags) {
        return userTags.stream().anyMatch(tags::contains);
    }
}
