package io.tributary.logstore.segment;

/**
 * The {@code .timeindex} file: a sparse map from timestamps to offsets, for ListOffsets by
 * timestamp and for time-based retention. Kafka's layout, no header (rebuilt when it fails its
 * sanity check).
 *
 * <pre>
 *   entry (12 bytes, big-endian), timestamps and offsets both strictly increasing:
 *   +------------------------------------------+--------------------------+
 *   | timestamp                 int64          | relativeOffset  int32    |
 *   +------------------------------------------+--------------------------+
 *   timestamp      = the largest timestamp seen in the segment up to this entry
 *   relativeOffset = offset of the batch carrying it - segment base offset
 * </pre>
 *
 * An entry is added alongside each offset-index entry when the timestamp grew. When the segment
 * rolls, a final entry records the segment's largest timestamp, so the last entry of an inactive
 * segment's time index is its largest timestamp; one slot is kept free for that entry.
 */
public final class TimeIndexFormat {
    public static final int ENTRY_SIZE = 12;

    private TimeIndexFormat() {
    }
}
