package io.tributary.logstore;

/**
 * A read or offset operation outside the log's valid range {@code [logStartOffset, bound]}. Kafka:
 * {@code OFFSET_OUT_OF_RANGE}; the Fetch response carries the log start offset so a consumer with
 * {@code auto.offset.reset} can move.
 */
public class OffsetOutOfRangeException extends LogStoreException {
    private static final long serialVersionUID = 1L;
    private final long requestedOffset;
    private final long logStartOffset;
    private final long upperBound;

    public OffsetOutOfRangeException(String what, long requestedOffset, long logStartOffset, long upperBound) {
        super(what + " offset " + requestedOffset + " is out of range [" + logStartOffset + ", " + upperBound + "]");
        this.requestedOffset = requestedOffset;
        this.logStartOffset = logStartOffset;
        this.upperBound = upperBound;
    }

    public long requestedOffset() {
        return requestedOffset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    /** The highest valid offset for this operation (the log end offset for reads, the high watermark for DeleteRecords). */
    public long upperBound() {
        return upperBound;
    }
}
