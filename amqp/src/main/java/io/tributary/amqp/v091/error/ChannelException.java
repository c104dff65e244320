package io.tributary.amqp.v091.error;

/** A protocol-level soft error found by the 0-9-1 layer itself (e.g. unknown delivery tag). */
public final class ChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ChannelReplyCode code;

    public ChannelException(ChannelReplyCode code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public ChannelReplyCode code() {
        return code;
    }
}
