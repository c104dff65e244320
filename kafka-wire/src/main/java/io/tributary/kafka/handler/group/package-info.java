/**
 * The group coordinator's APIs on the wire: FindCoordinator, the classic protocol (JoinGroup,
 * SyncGroup, Heartbeat, LeaveGroup), KIP-848's ConsumerGroupHeartbeat and ConsumerGroupDescribe,
 * committed offsets (OffsetCommit, OffsetFetch, OffsetDelete) and the group admin APIs
 * (DescribeGroups, ListGroups, DeleteGroups). Each handler translates between kafka-clients'
 * generated messages and the coordinator's plain-Java model in {@code io.tributary.kafka.group};
 * {@link io.tributary.kafka.handler.group.LogOffsetsTopic} writes and reads {@code __consumer_offsets}
 * record batches, which are kafka-clients territory.
 *
 * <p>Threading: handlers run on the connection's event loop and return at once; the coordinator
 * answers from its shard threads.
 */
package io.tributary.kafka.handler.group;
