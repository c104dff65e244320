package io.tributary.logstore.segment;

/**
 * Keeps the number of open segments (file descriptor plus two memory maps each) bounded across all
 * logs: told when a segment opens or is used, it closes the least recently used idle ones. Closing
 * is deferred by a grace period so that zero-copy sends already holding a segment's channel finish.
 */
public interface SegmentHandleTracker {
    /** A segment opened its files. */
    void opened(LogSegment segment);

    /** A segment closed its files (deleted, or closed with its log). */
    void closed(LogSegment segment);

    /** Runs {@code closer} after the grace period. */
    void closeLater(Runnable closer);

    /** Opens without limit and closes at once: for tools and tests that own every segment. */
    SegmentHandleTracker UNBOUNDED = new SegmentHandleTracker() {
        @Override
        public void opened(LogSegment segment) {
        }

        @Override
        public void closed(LogSegment segment) {
        }

        @Override
        public void closeLater(Runnable closer) {
            closer.run();
        }
    };
}
