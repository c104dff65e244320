package io.tributary.logstore;

/**
 * A follower's copy of its leader's batches does not go on at its log end offset: the first batch
 * starts below it (the follower already has those offsets: it fetched from a stale offset, or
 * should have truncated first), or the batches do not follow each other. The log is left untouched.
 * Raised to the replica fetcher, never to a client (Kafka: {@code UNKNOWN_SERVER_ERROR} if it escaped).
 */
public class UnexpectedAppendOffsetException extends LogStoreException {
    private static final long serialVersionUID = 1L;
    private final long expectedOffset;
    private final long actualOffset;

    public UnexpectedAppendOffsetException(String message, long expectedOffset, long actualOffset) {
        super(message);
        this.expectedOffset = expectedOffset;
        this.actualOffset = actualOffset;
    }

    /** The smallest base offset the offending batch could have had (the log end offset, for the first). */
    public long expectedOffset() {
        return expectedOffset;
    }

    /** The base offset the offending batch had. */
    public long actualOffset() {
        return actualOffset;
    }
}
