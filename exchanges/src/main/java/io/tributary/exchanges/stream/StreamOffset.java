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

    private static final java.util.regex.Pattern INTERVAL = java.util.regex.Pattern.compile("(\\d+)([YMDhms])");

    /**
     * What a consumer's offset argument asks for, in RabbitMQ's forms: {@code first}, {@code last},
     * {@code next}, a number (an offset), a date (a timestamp), or an interval back from now
     * ({@code 30m}, {@code 12h}, {@code 7D}; also Y, M, s); {@code next} when absent.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static StreamOffset parse(Object v, long nowMillis) {
        if (v == null) {
            return NEXT;
        }
        if (v instanceof Number n) {
            return offset(n.longValue());
        }
        if (v instanceof java.util.Date d) {
            return timestamp(d.getTime());
        }
        String s = v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
        switch (s) {
            case "first":
                return FIRST;
            case "last":
                return LAST;
            case "next":
                return NEXT;
            default:
                java.util.regex.Matcher m = INTERVAL.matcher(s);
                if (!m.matches()) {
                    throw new IllegalArgumentException("Invalid value for x-stream-offset: " + s);
                }
                return timestamp(nowMillis - intervalMs(Long.parseLong(m.group(1)), m.group(2)));
        }
    }

    private static long intervalMs(long n, String unit) {
        switch (unit) {
            case "Y": return n * 365L * 24 * 3600_000;
            case "M": return n * 30L * 24 * 3600_000;
            case "D": return n * 24L * 3600_000;
            case "h": return n * 3600_000L;
            case "m": return n * 60_000L;
            default: return n * 1000L;
        }
    }

    /** @param epochMillis the time, in milliseconds since the epoch */
    public static StreamOffset timestamp(long epochMillis) {
        return new StreamOffset(Kind.TIMESTAMP, epochMillis);
    }
}
