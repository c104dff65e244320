package io.tributary.kafka.group.offsets;

import io.tributary.logstore.TopicPartition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OffsetCommit in the coordinator's terms.
 *
 * @param generationOrEpoch the classic generation or the consumer-protocol member epoch; -1 from
 *     outside the group
 * @param retentionMs the commit's own retention (OffsetCommit v2–v4), or -1 for the broker's
 */
public record OffsetCommitParams(String groupId, int generationOrEpoch, String memberId, String groupInstanceId, long retentionMs,
        Map<TopicPartition, Commit> offsets, short apiVersion) {

    public OffsetCommitParams {
        offsets = new LinkedHashMap<>(offsets);
    }

    /** One partition's committed position. */
    public record Commit(long offset, int leaderEpoch, String metadata) {
    }
}
