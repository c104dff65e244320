package io.tributary.kafka.group;

/**
 * What went wrong with a group operation, in the coordinator's own terms. Each constant is named
 * after the Kafka error code it becomes ({@code KafkaErrorMapper} maps them by name), so the
 * domain model needs no kafka-clients types.
 */
public enum GroupError {
    NONE,
    COORDINATOR_NOT_AVAILABLE,
    COORDINATOR_LOAD_IN_PROGRESS,
    NOT_COORDINATOR,
    INVALID_GROUP_ID,
    GROUP_ID_NOT_FOUND,
    UNKNOWN_MEMBER_ID,
    MEMBER_ID_REQUIRED,
    ILLEGAL_GENERATION,
    REBALANCE_IN_PROGRESS,
    INCONSISTENT_GROUP_PROTOCOL,
    INVALID_SESSION_TIMEOUT,
    FENCED_INSTANCE_ID,
    NON_EMPTY_GROUP,
    GROUP_MAX_SIZE_REACHED,
    OFFSET_METADATA_TOO_LARGE,
    UNKNOWN_TOPIC_OR_PARTITION,
    UNKNOWN_TOPIC_ID,
    GROUP_SUBSCRIBED_TO_TOPIC,
    UNSTABLE_OFFSET_COMMIT,
    STALE_MEMBER_EPOCH,
    FENCED_MEMBER_EPOCH,
    UNRELEASED_INSTANCE_ID,
    UNSUPPORTED_ASSIGNOR,
    INVALID_REGULAR_EXPRESSION,
    INVALID_REQUEST,
    UNSUPPORTED_VERSION,
    UNKNOWN_SERVER_ERROR;

    /** This error as an exception to fail a future with. */
    public GroupException exception(String message) {
        return new GroupException(this, message);
    }

    public GroupException exception() {
        return new GroupException(this, null);
    }
}
