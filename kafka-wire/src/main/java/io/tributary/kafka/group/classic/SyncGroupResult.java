package io.tributary.kafka.group.classic;

import io.tributary.kafka.group.GroupError;

/** The answer to a SyncGroup: the member's assignment (opaque bytes of the protocol). */
public record SyncGroupResult(GroupError error, String protocolType, String protocolName, byte[] assignment) {
    private static final byte[] NONE = new byte[0];

    public static SyncGroupResult error(GroupError error) {
        return new SyncGroupResult(error, null, null, NONE);
    }
}
