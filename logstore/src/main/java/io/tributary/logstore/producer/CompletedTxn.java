package io.tributary.logstore.producer;

/**
 * A transaction ended by a marker: its producer's first data offset in the partition and the
 * marker's offset. Whether it committed or aborted is the marker's content, which the log reads.
 */
public record CompletedTxn(long producerId, long firstOffset, long markerOffset) {
}
