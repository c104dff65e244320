package io.tributary.logstore.record;

/**
 * What an append must satisfy beyond the batch format, from the topic's configuration.
 *
 * @param maxBatchBytes largest batch accepted ({@code max.message.bytes})
 * @param logAppendTime true when the broker stamps its own time ({@code message.timestamp.type=LogAppendTime});
 *     CreateTime timestamps are then not checked
 * @param timestampBeforeMaxMs how far in the past a CreateTime timestamp may be
 * @param timestampAfterMaxMs how far in the future a CreateTime timestamp may be
 * @param keysRequired true for compacted topics: every record needs a key
 * @param controlBatchesAllowed true only for the transaction coordinator's markers, never for clients
 */
public record ValidationRules(
        int maxBatchBytes,
        boolean logAppendTime,
        long timestampBeforeMaxMs,
        long timestampAfterMaxMs,
        boolean keysRequired,
        boolean controlBatchesAllowed) {
    /**
     * A follower copying its leader's batches: only framing and CRC-32C are checked again. The leader
     * checked sizes, timestamps and keys under its configuration when it accepted them, and a copy
     * may be far older than {@code message.timestamp.before.max.ms} (a follower catching up) or hold
     * control batches and coordinator writes; refusing any of that would stop replication.
     */
    public static final ValidationRules REPLICATION = new ValidationRules(Integer.MAX_VALUE, true, Long.MAX_VALUE, Long.MAX_VALUE, false, true);
}
