package io.tributary.amqp.v091.codec;

/** A frame whose content does not parse: the peer broke the protocol (502 SYNTAX_ERROR, connection close). */
public final class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message, null, false, false);
    }
}
