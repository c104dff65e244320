package io.tributary.logstore.epoch;

/** Leader epoch {@code epoch} wrote its first batch at {@code startOffset}. */
public record EpochEntry(int epoch, long startOffset) {
}
