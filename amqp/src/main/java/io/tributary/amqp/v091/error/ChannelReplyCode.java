package io.tributary.amqp.v091.error;

/** Soft errors: they close only the channel (AMQP 0-9-1 reply codes as RabbitMQ uses them). */
public enum ChannelReplyCode {
    CONTENT_TOO_LARGE(311), NO_ROUTE(312), NO_CONSUMERS(313), ACCESS_REFUSED(403), NOT_FOUND(404),
    RESOURCE_LOCKED(405), PRECONDITION_FAILED(406);

    private final int code;

    ChannelReplyCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
