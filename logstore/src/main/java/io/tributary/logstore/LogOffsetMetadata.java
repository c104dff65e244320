package io.tributary.logstore;

/**
 * An offset together with where it lies on disk: the base offset of its segment and its byte
 * position there. Reads bound themselves by such a position, so they never look at bytes that are
 * being written.
 */
public record LogOffsetMetadata(long offset, long segmentBaseOffset, int relativePosition) {
    public static LogOffsetMetadata of(long offset) {
        return new LogOffsetMetadata(offset, -1, -1);
    }

    /** True when the position is known (not just the offset). */
    public boolean hasPosition() {
        return segmentBaseOffset >= 0;
    }
}
