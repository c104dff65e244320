package io.tributary.kafka.group.offsets;

/**
 * An offset a group committed for one partition.
 *
 * @param leaderEpoch the epoch of the committed record's leader, or -1
 * @param metadata the client's string, never null (an absent one is stored as empty, as Kafka does)
 * @param commitTimestampMs when the coordinator accepted the commit
 * @param expireTimestampMs when the offset expires, for commits that asked for a retention time
 *     (OffsetCommit v2–v4), else -1: the group's retention applies
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs, long expireTimestampMs) {
    public CommittedOffset {
        metadata = metadata == null ? "" : metadata;
    }
}
