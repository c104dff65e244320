package io.tributary.kafka.group.classic;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a classic group, as Kafka names them:
 *
 * <pre>
 *            join (first member)              every member joined, or the rebalance timeout
 *   EMPTY ───────────────────────▶ PREPARING_REBALANCE ─────────────────────────▶ COMPLETING_REBALANCE
 *     ▲                              ▲   │ (no member left)                            │ leader's SyncGroup
 *     └──────────────────────────────┼───┘                                             ▼ durable
 *                                    └──── join / leave / session timeout ───────── STABLE
 *   DEAD: deleted (DeleteGroups, or offsets expired); reached from any state, left by none
 * </pre>
 */
public enum ClassicGroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String wireName;
    private Set<ClassicGroupState> validPrevious;

    static {
        EMPTY.validPrevious = EnumSet.of(PREPARING_REBALANCE);
        PREPARING_REBALANCE.validPrevious = EnumSet.of(STABLE, COMPLETING_REBALANCE, EMPTY);
        COMPLETING_REBALANCE.validPrevious = EnumSet.of(PREPARING_REBALANCE);
        STABLE.validPrevious = EnumSet.of(COMPLETING_REBALANCE);
        DEAD.validPrevious = EnumSet.allOf(ClassicGroupState.class);
    }

    ClassicGroupState(String wireName) {
        this.wireName = wireName;
    }

    /** The name DescribeGroups and ListGroups use. */
    public String wireName() {
        return wireName;
    }

    boolean canFollow(ClassicGroupState previous) {
        return validPrevious.contains(previous);
    }
}
