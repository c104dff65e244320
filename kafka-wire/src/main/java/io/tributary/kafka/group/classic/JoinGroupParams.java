package io.tributary.kafka.group.classic;

import java.util.List;

/**
 * A JoinGroup request in the coordinator's terms.
 *
 * @param memberId empty for a member joining for the first time
 * @param requireKnownMemberId true from JoinGroup v4 (KIP-394): a first join gets a member id and
 *     {@code MEMBER_ID_REQUIRED}, and must join again with it
 * @param supportsSkipAssignment true from JoinGroup v9 (KIP-814): a static leader that rejoins a
 *     stable group is told to skip assignment
 */
public record JoinGroupParams(String groupId, String memberId, String groupInstanceId, String protocolType, List<Protocol> protocols,
        int sessionTimeoutMs, int rebalanceTimeoutMs, String clientId, String clientHost, boolean requireKnownMemberId,
        boolean supportsSkipAssignment, String reason) {

    public JoinGroupParams {
        protocols = List.copyOf(protocols);
        memberId = memberId == null ? "" : memberId;
    }

    boolean isUnknownMember() {
        return memberId.isEmpty();
    }
}
