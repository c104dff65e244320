package io.tributary.kafka.group.classic;

import java.util.Map;

/**
 * A SyncGroup request: every member sends one; the leader's carries each member's assignment.
 *
 * @param protocolType null before SyncGroup v5 (then not checked)
 * @param protocolName null before SyncGroup v5 (then not checked)
 */
public record SyncGroupParams(String groupId, int generationId, String memberId, String groupInstanceId, String protocolType,
        String protocolName, Map<String, byte[]> assignments) {

    public SyncGroupParams {
        assignments = Map.copyOf(assignments);
    }
}
