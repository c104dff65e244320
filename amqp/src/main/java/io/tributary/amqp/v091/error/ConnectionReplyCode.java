package io.tributary.amqp.v091.error;

/** Hard errors: they close the whole connection. */
public enum ConnectionReplyCode {
    CONNECTION_FORCED(320), INVALID_PATH(402), ACCESS_REFUSED(403), FRAME_ERROR(501), SYNTAX_ERROR(502),
    COMMAND_INVALID(503), CHANNEL_ERROR(504), UNEXPECTED_FRAME(505), RESOURCE_ERROR(506), NOT_ALLOWED(530),
    NOT_IMPLEMENTED(540), INTERNAL_ERROR(541);

    private final int code;

    ConnectionReplyCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
