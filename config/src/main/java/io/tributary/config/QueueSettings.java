package io.tributary.config;

import java.util.List;

/** Settings of AMQP queues and their journals ({@code data/queues/}). */
public final class QueueSettings {
    public static final Setting<Integer> THREADS = Setting.ofInt("queue.threads", 0, 0, 1024,
            "Threads the queues' actors run on (queues do disk I/O, so never on network event loops); 0 = the number of cores.");
    public static final Setting<Integer> FLUSH_THREADS = Setting.ofInt("queue.flush.threads", 2, 1, 64,
            "Flusher threads doing the group-commit fsyncs of durable queues' journals.");
    public static final Setting<Integer> SEGMENT_BYTES = Setting.ofInt("queue.segment.bytes", 16 * 1024 * 1024, 65_536,
            Integer.MAX_VALUE, "Size at which a queue journal segment (msgs.NNNNNNNNNN) is rolled; a segment is deleted once all"
                    + " its messages are settled.");
    public static final Setting<Integer> WINDOW_MESSAGES = Setting.ofInt("queue.memory.messages", 1024, 1, 1 << 20,
            "Messages per queue (per priority level) kept in memory ready for delivery; the rest of a backlog stays on disk.");
    public static final Setting<Long> WINDOW_BYTES = Setting.ofLong("queue.memory.bytes", 4L * 1024 * 1024, 1024, 1L << 34,
            "Body bytes per queue (per priority level) kept in memory ready for delivery; the rest of a backlog stays on disk.");

    private QueueSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(THREADS, FLUSH_THREADS, SEGMENT_BYTES, WINDOW_MESSAGES, WINDOW_BYTES);
    }
}
