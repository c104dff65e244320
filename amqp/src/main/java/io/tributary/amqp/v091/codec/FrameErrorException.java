package io.tributary.amqp.v091.codec;

/** Bad framing: wrong frame-end octet, unknown frame type, oversized frame (501 FRAME_ERROR, connection close). */
public final class FrameErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FrameErrorException(String message) {
        super(message, null, false, false);
    }
}
