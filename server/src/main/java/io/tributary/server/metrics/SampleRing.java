package io.tributary.server.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest samples of one counter or gauge: a fixed ring of (time, value) pairs. The rate is the
 * change per second between the two newest samples, as RabbitMQ's management computes its
 * {@code *_details.rate}. Thread-safe (one writer, the sampler; many readers).
 */
public final class SampleRing {
    /** One sample. */
    public record Sample(long timestampMillis, long value) {
    }

    private final long[] times;
    private final long[] values;
    private int size;
    private int next;

    public SampleRing(int capacity) {
        times = new long[capacity];
        values = new long[capacity];
    }

    public synchronized void add(long timestampMillis, long value) {
        times[next] = timestampMillis;
        values[next] = value;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** The newest value, or 0 before the first sample. */
    public synchronized long last() {
        return size == 0 ? 0 : values[index(size - 1)];
    }

    /** Change per second between the two newest samples; 0 with fewer than two. */
    public synchronized double rate() {
        if (size < 2) {
            return 0.0;
        }
        int a = index(size - 2);
        int b = index(size - 1);
        long dt = times[b] - times[a];
        return dt <= 0 ? 0.0 : Math.max(0, values[b] - values[a]) * 1000.0 / dt;
    }

    /** The samples taken at or after {@code sinceMillis}, oldest first. */
    public synchronized List<Sample> samples(long sinceMillis) {
        List<Sample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int k = index(i);
            if (times[k] >= sinceMillis) {
                out.add(new Sample(times[k], values[k]));
            }
        }
        return out;
    }

    private int index(int i) {
        return (next - size + i + times.length) % times.length;
    }
}
