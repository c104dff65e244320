package io.tributary.kafka.group;

import java.util.List;

/**
 * A classic group as written to {@code __consumer_offsets} after each rebalance, and read back at
 * load: its generation, the protocol chosen, the leader, and every member with its subscription and
 * assignment (Kafka's {@code GroupMetadataValue}).
 */
public record ClassicGroupSnapshot(String protocolType, int generation, String protocol, String leader, long stateTimestampMs,
        List<Member> members) {

    public ClassicGroupSnapshot {
        members = List.copyOf(members);
    }

    /** One member: {@code subscription} is its metadata for the chosen protocol. */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost, int rebalanceTimeoutMs,
            int sessionTimeoutMs, byte[] subscription, byte[] assignment) {
    }
}
