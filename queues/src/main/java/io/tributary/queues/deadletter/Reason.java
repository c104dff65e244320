package io.tributary.queues.deadletter;

/** Why a message was dead-lettered, as RabbitMQ names it in {@code x-death}. */
public enum Reason {
    /** basic.reject or basic.nack with requeue=false. */
    REJECTED("rejected"),
    /** Its TTL (the queue's {@code x-message-ttl} or its own {@code expiration}) passed. */
    EXPIRED("expired"),
    /** It was dropped from the head of a full queue, or refused by one with {@code reject-publish-dlx}. */
    MAXLEN("maxlen"),
    /** It was returned to the queue more often than {@code x-delivery-limit} allows. */
    DELIVERY_LIMIT("delivery_limit");

    private final String text;

    Reason(String text) {
        this.text = text;
    }

    /** The reason as it appears in {@code x-death} and {@code x-first-death-reason}. */
    public String text() {
        return text;
    }
}
