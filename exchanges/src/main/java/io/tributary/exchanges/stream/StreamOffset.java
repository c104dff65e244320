package io.tributary.exchanges.stream;

/**
 * Where a stream consumer starts (RabbitMQ's {@code x-stream-offset}): the first message kept, the
 * last chunk written, the next message to arrive, an absolute offset, or the first message at or
 * after a time.
 */
public record StreamOffset(Kind kind, long value) {
    public enum Kind { FIRST, LAST, NEXT, OFFSET, TIMESTAMP }

    public static final StreamOffset FIRST = new StreamOffset(Kind.FIRST, 0);
    public static final StreamOffset LAST = new StreamOffset(Kind.LAST, 0);
    public static final StreamOffset NEXT = new StreamOffset(Kind.NEXT, 0);

    public static StreamOffset offset(long offset) {
        return new StreamOffset(Kind.OFFSET, offset);
    }

    /** @param epochMillis the time, in milliseconds since the epoch */
    public static StreamOffset timestamp(long epochMillis) {
        return new StreamOffset(Kind.TIMESTAMP, epochMillis);
    }
}
