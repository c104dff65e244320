package io.tributary.kafka.group;

/** A group operation refused for a reason the client is told about ({@link #error()}). */
public final class GroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final GroupError error;

    public GroupException(GroupError error, String message) {
        super(message == null ? error.name() : message, null, false, false);
        this.error = error;
    }

    public GroupError error() {
        return error;
    }
}
