package io.tributary.queues;

/** A consistent snapshot of a queue's counts, taken on its executor. */
public record QueueStats(long ready, long unacked, int consumers) {
}
