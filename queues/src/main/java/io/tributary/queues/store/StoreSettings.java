package io.tributary.queues.store;

/**
 * How queue journals are laid out and how much of a queue stays in memory.
 *
 * @param segmentBytes a msgs segment is rolled once it would grow past this
 * @param windowMessages at most this many messages of one queue (per priority level) wait in memory
 * @param windowBytes and at most this many body bytes; the rest stays on disk until needed
 */
public record StoreSettings(int segmentBytes, int windowMessages, long windowBytes) {
    public static final StoreSettings DEFAULTS = new StoreSettings(16 * 1024 * 1024, 1024, 4L * 1024 * 1024);

    public StoreSettings {
        if (segmentBytes < 4096 || windowMessages < 1 || windowBytes < 1) {
            throw new IllegalArgumentException("invalid queue store settings");
        }
    }
}
