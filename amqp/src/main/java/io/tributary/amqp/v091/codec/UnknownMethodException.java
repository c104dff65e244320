package io.tributary.amqp.v091.codec;

/** A method frame with ids no client may send (503 COMMAND_INVALID / 540 NOT_IMPLEMENTED, connection close). */
public final class UnknownMethodException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int classId;
    private final int methodId;

    public UnknownMethodException(int classId, int methodId) {
        super("unknown method " + classId + "/" + methodId, null, false, false);
        this.classId = classId;
        this.methodId = methodId;
    }

    public int classId() {
        return classId;
    }

    public int methodId() {
        return methodId;
    }
}
