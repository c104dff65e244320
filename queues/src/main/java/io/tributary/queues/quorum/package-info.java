/**
 * The replicated core of a quorum queue (ADR 007): a deterministic state machine that every member
 * of the queue's Raft group applies in the same order, so all of them agree on which consumer has
 * which message. Plain Java: the Raft group and the AMQP side are elsewhere.
 */
package io.tributary.queues.quorum;
