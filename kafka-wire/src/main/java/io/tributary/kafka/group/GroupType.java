package io.tributary.kafka.group;

import java.util.Locale;

/** The two group protocols: the classic JoinGroup/SyncGroup one, and KIP-848's consumer protocol. */
public enum GroupType {
    CLASSIC,
    CONSUMER;

    /** The name ListGroups reports and filters by ({@code classic}, {@code consumer}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
