package io.tributary.logstore;

import java.util.OptionalInt;

/**
 * A ListOffsets answer: the record found and the leader epoch that wrote it.
 *
 * @param timestamp the record's timestamp, -1 for EARLIEST/LATEST
 */
public record TimestampAndOffset(long timestamp, long offset, OptionalInt leaderEpoch) {
    /** ListOffsets' special timestamps (Kafka's {@code ListOffsetsRequest} constants). */
    public static final long LATEST_TIMESTAMP = -1L;
    public static final long EARLIEST_TIMESTAMP = -2L;
    public static final long MAX_TIMESTAMP = -3L;
    /** Without tiered storage the earliest local offset is the earliest offset. */
    public static final long EARLIEST_LOCAL_TIMESTAMP = -4L;
}
