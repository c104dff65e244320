package io.tributary.server.e2e.cluster;

import java.util.Arrays;

/**
 * When each partition's acknowledgements arrived (thread-safe), to measure the silence a fault
 * causes: the longest gap between consecutive acknowledgements since the fault, not the first
 * acknowledgement after it, because responses the client had already received from a killed node
 * can still be handed to callbacks just after the kill.
 */
final class AckTimes {
    private final long[][] times;
    private final int[] sizes;

    AckTimes(int partitions) {
        times = new long[partitions][4_096];
        sizes = new int[partitions];
    }

    synchronized void add(int partition, long nanos) {
        if (sizes[partition] == times[partition].length) {
            times[partition] = Arrays.copyOf(times[partition], times[partition].length * 2);
        }
        times[partition][sizes[partition]++] = nanos;
    }

    /** The last acknowledgement's time, or {@link Long#MIN_VALUE} if none came yet. */
    synchronized long last(int partition) {
        return sizes[partition] == 0 ? Long.MIN_VALUE : times[partition][sizes[partition] - 1];
    }

    /**
     * The longest silence on {@code partition} since the last acknowledgement before {@code from}, as
     * {@code [last acknowledgement before it, first one after it]}: when writes stopped and resumed
     * around the fault at {@code from}.
     */
    synchronized long[] longestSilence(int partition, long from) {
        long[] t = times[partition];
        int n = sizes[partition];
        int i = 0;
        while (i + 1 < n && t[i + 1] <= from) {
            i++;
        }
        long[] longest = {from, from};
        for (int j = i + 1; j < n; j++) {
            if (t[j] - t[j - 1] > longest[1] - longest[0]) {
                longest = new long[] {t[j - 1], t[j]};
            }
        }
        return longest;
    }
}
