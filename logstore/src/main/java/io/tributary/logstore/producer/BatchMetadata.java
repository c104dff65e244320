package io.tributary.logstore.producer;

/**
 * What the log remembers of one of a producer's recent batches, to answer a retry of it with the
 * original offsets.
 *
 * @param timestamp the batch's max timestamp as stored (the append time under LogAppendTime)
 */
public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long timestamp) {
}
