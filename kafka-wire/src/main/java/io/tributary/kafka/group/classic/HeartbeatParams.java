package io.tributary.kafka.group.classic;

/** A classic Heartbeat: keeps the member's session and tells it when a rebalance has begun. */
public record HeartbeatParams(String groupId, String memberId, String groupInstanceId, int generationId) {
}
