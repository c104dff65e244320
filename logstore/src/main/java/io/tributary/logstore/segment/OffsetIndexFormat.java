package io.tributary.logstore.segment;

/**
 * The {@code .index} file: a sparse map from offsets to byte positions in the segment's
 * {@code .log}, one entry about every {@code index.interval.bytes} of batches. Kafka's layout, so
 * Kafka's tools read it; like Kafka's it has no header (it is derived data: a file that fails its
 * sanity check is rebuilt from the log).
 *
 * <pre>
 *   entry (8 bytes, big-endian), entries sorted by offset, strictly increasing:
 *   +--------------------------+--------------------------+
 *   | relativeOffset  int32    | position        int32    |
 *   +--------------------------+--------------------------+
 *   relativeOffset = (last offset of a batch) - segment base offset
 *   position       = byte position of that batch in the .log file
 * </pre>
 *
 * The active segment's index is preallocated to {@code segment.index.bytes} (zeros after the
 * last entry); it is trimmed to its entries when the segment rolls or the log closes, so a closed
 * index's length is exactly its entry count times 8.
 */
public final class OffsetIndexFormat {
    public static final int ENTRY_SIZE = 8;

    private OffsetIndexFormat() {
    }
}
