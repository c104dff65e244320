package io.tributary.queues;

/**
 * A queue's counters for management and rates. Written only by the queue's actor; volatile so any
 * thread reads a recent value.
 */
public final class QueueCounters {
    volatile long ready;
    volatile long unacked;
    volatile int consumers;
    volatile long published;
    volatile long delivered;
    volatile long redelivered;
    volatile long acked;

    public long ready() {
        return ready;
    }

    public long unacked() {
        return unacked;
    }

    public int consumers() {
        return consumers;
    }

    public long published() {
        return published;
    }

    public long delivered() {
        return delivered;
    }

    public long redelivered() {
        return redelivered;
    }

    public long acked() {
        return acked;
    }
}
