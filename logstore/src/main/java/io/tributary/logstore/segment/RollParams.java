package io.tributary.logstore.segment;

/**
 * What decides whether an append goes to a new segment.
 *
 * @param segmentBytes {@code segment.bytes}
 * @param segmentMs {@code segment.ms}, already reduced by the log's jitter
 * @param appendBytes size of the batches about to be appended
 * @param maxTimestamp largest timestamp of those batches
 * @param lastOffset last offset those batches will take
 * @param nowMs the clock
 */
public record RollParams(long segmentBytes, long segmentMs, int appendBytes, long maxTimestamp, long lastOffset, long nowMs) {
}
