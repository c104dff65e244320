package io.tributary.kafka.group.consumer;

/**
 * Where a consumer-protocol member is in reaching its target assignment (Kafka's
 * {@code MemberState}):
 *
 * <pre>
 *            target has fewer partitions than it owns              it reports them gone
 *   STABLE ─────────────────────────────────────▶ UNREVOKED_PARTITIONS ───────────────┐
 *     ▲  │ target has partitions others still own                                    │
 *     │  ▼                                                                           ▼
 *     └── UNRELEASED_PARTITIONS ◀── (new epoch; partitions still held by others) ── next assignment
 * </pre>
 */
public enum MemberState {
    /** Owns exactly its target at the group's assignment epoch. */
    STABLE,
    /** Must give partitions up first; keeps its epoch until it reports them revoked. */
    UNREVOKED_PARTITIONS,
    /** At the new epoch, waiting for partitions other members still have to revoke. */
    UNRELEASED_PARTITIONS
}
