package io.tributary.logstore.recovery;

/**
 * What loading a log established.
 *
 * @param logStartOffset the first offset readable
 * @param recoveryPoint offsets below it are known to be on disk
 * @param nextOffset the log end offset
 * @param activeSegmentBase base offset of the last segment
 * @param activeSegmentSize bytes in the last segment (the log end's position)
 * @param truncatedBytes bytes cut off torn or corrupt tails
 */
public record LoadedLogOffsets(long logStartOffset, long recoveryPoint, long nextOffset, long activeSegmentBase, int activeSegmentSize,
        long truncatedBytes) {
}
