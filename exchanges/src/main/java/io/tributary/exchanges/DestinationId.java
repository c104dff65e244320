package io.tributary.exchanges;

/**
 * What a binding points at inside one virtual host: a destination (a queue today, a log-backed
 * stream later) or another exchange (exchange-to-exchange binding).
 */
public record DestinationId(Kind kind, String name) {
    /** The two kinds of binding target. */
    public enum Kind { QUEUE, EXCHANGE }

    public static DestinationId queue(String name) {
        return new DestinationId(Kind.QUEUE, name);
    }

    public static DestinationId exchange(String name) {
        return new DestinationId(Kind.EXCHANGE, name);
    }

    public boolean isExchange() {
        return kind == Kind.EXCHANGE;
    }
}
