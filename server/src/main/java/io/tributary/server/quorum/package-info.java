/**
 * Quorum queues ({@code x-queue-type: quorum}) in a cluster: each queue is one Raft group over its
 * member nodes (ADR 007). This package holds what does not depend on the Raft library: the byte
 * format of the queue's log entries and snapshots ({@link io.tributary.server.quorum.QuorumCommandFormat},
 * {@link io.tributary.server.quorum.QuorumSnapshotFormat}), each member's applied state
 * ({@link io.tributary.server.quorum.QuorumReplica}, over the deterministic
 * {@code queues.quorum.QuorumQueueMachine}), and the queue as the AMQP layers use it
 * ({@link io.tributary.server.quorum.QuorumQueue}). The groups themselves (Ratis) are
 * {@code server.cluster}'s, behind {@link io.tributary.server.quorum.QuorumGroups}.
 *
 * <p>Threads: Ratis applies entries on its state-machine updater thread ({@link io.tributary.server.quorum.QuorumReplica#apply});
 * a queue acts on what was applied (deliveries to its node's consumers, dead letters) on its own
 * serial executor; nothing here runs on or blocks a Netty event loop.
 */
package io.tributary.server.quorum;
