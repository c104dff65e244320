package io.tributary.amqp.v091.error;

/** A protocol-level hard error found by the 0-9-1 layer (e.g. unexpected frame, channel misuse). */
public final class ConnectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ConnectionReplyCode code;

    public ConnectionException(ConnectionReplyCode code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public ConnectionReplyCode code() {
        return code;
    }
}
