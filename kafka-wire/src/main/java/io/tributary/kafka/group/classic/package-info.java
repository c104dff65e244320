/**
 * The classic group protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup): generations, member
 * ids (KIP-394), static membership (KIP-345), the initial rebalance delay, and the timers that evict
 * members (session, rebalance and sync timeouts).
 *
 * <p>Threading: confined to the owning shard's thread.
 */
package io.tributary.kafka.group.classic;
