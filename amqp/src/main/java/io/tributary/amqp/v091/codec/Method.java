package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;

/**
 * One AMQP 0-9-1 method: its class and method ids (from the protocol definition) and its
 * arguments. Methods the server receives are decoded by {@link MethodDecoder}; methods it sends
 * write their arguments with {@link #writeArguments}.
 */
public interface Method {
    int classId();

    int methodId();

    /** The spec's name, e.g. {@code basic.publish}, for error texts. */
    String name();

    /** Writes the argument list (not the class and method ids). */
    default void writeArguments(ByteBuf out) {
        throw new IllegalStateException(name() + " is not sent by the server");
    }

    /** Whether a content header and body follow (basic.publish, deliver, return, get-ok). */
    default boolean hasContent() {
        return false;
    }

    static int key(int classId, int methodId) {
        return classId << 16 | methodId;
    }
}
