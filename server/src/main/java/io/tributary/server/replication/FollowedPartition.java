package io.tributary.server.replication;

import io.tributary.logstore.PartitionLog;
import java.util.UUID;

/**
 * A partition this node follows: its log, the leader and epoch it follows in, and whether the log
 * was already truncated to where it agrees with that leader (KIP-101: before the first fetch of an
 * epoch, the follower asks the leader where its own latest epoch ends and cuts what lies beyond).
 */
final class FollowedPartition {
    final PartitionLog log;
    final UUID topicId;
    final int leaderEpoch;
    volatile boolean truncated;

    FollowedPartition(PartitionLog log, UUID topicId, int leaderEpoch) {
        this.log = log;
        this.topicId = topicId;
        this.leaderEpoch = leaderEpoch;
    }
}
