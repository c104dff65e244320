package io.tributary.exchanges.stream;

import java.util.List;

/**
 * A reader of one partition of a stream from a position: what a stream consumer holds. Not
 * thread-safe; one consumer uses it from one thread at a time.
 */
public interface StreamCursor extends AutoCloseable {
    /** Up to {@code max} messages that are visible now (durable), advancing the position. Reads files. */
    List<StreamMessage> read(int max);

    /** The offset of the next message {@link #read} returns. */
    long position();

    /**
     * Runs {@code task} (on any thread) when messages past the position become visible, or at once if
     * some are. It may run more than once; it should only schedule a {@link #read}.
     */
    void whenAvailable(Runnable task);

    @Override
    void close();
}
