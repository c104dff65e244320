package io.tributary.kafka.error;

import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupException;
import io.tributary.logstore.AppendTruncatedException;
import io.tributary.logstore.CorruptRecordException;
import io.tributary.logstore.InvalidConfigException;
import io.tributary.logstore.InvalidPartitionsException;
import io.tributary.logstore.InvalidProducerEpochException;
import io.tributary.logstore.InvalidRecordException;
import io.tributary.logstore.InvalidTimestampException;
import io.tributary.logstore.InvalidTopicException;
import io.tributary.logstore.LogClosedException;
import io.tributary.logstore.LogStorageException;
import io.tributary.logstore.OffsetOutOfRangeException;
import io.tributary.logstore.OutOfOrderSequenceException;
import io.tributary.logstore.RecordBatchTooLargeException;
import io.tributary.logstore.RecordTooLargeException;
import io.tributary.logstore.TopicExistsException;
import io.tributary.logstore.UnknownTopicOrPartitionException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the log store's typed exceptions (and kafka-clients' own {@link ApiException}s thrown by
 * handlers) to Kafka error codes. Anything unexpected is {@code UNKNOWN_SERVER_ERROR}, logged once
 * with its stack trace, as Kafka brokers do.
 */
public final class KafkaErrorMapper {
    private static final Logger LOGGER = LoggerFactory.getLogger(KafkaErrorMapper.class);

    private static final Map<Class<? extends Throwable>, Errors> CODES = Map.ofEntries(
            Map.entry(CorruptRecordException.class, Errors.CORRUPT_MESSAGE),
            Map.entry(InvalidRecordException.class, Errors.INVALID_RECORD),
            Map.entry(RecordTooLargeException.class, Errors.MESSAGE_TOO_LARGE),
            Map.entry(RecordBatchTooLargeException.class, Errors.RECORD_LIST_TOO_LARGE),
            Map.entry(InvalidTimestampException.class, Errors.INVALID_TIMESTAMP),
            Map.entry(OutOfOrderSequenceException.class, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER),
            Map.entry(InvalidProducerEpochException.class, Errors.INVALID_PRODUCER_EPOCH),
            Map.entry(OffsetOutOfRangeException.class, Errors.OFFSET_OUT_OF_RANGE),
            Map.entry(UnknownTopicOrPartitionException.class, Errors.UNKNOWN_TOPIC_OR_PARTITION),
            Map.entry(TopicExistsException.class, Errors.TOPIC_ALREADY_EXISTS),
            Map.entry(InvalidTopicException.class, Errors.INVALID_TOPIC_EXCEPTION),
            Map.entry(InvalidPartitionsException.class, Errors.INVALID_PARTITIONS),
            Map.entry(InvalidConfigException.class, Errors.INVALID_CONFIG),
            Map.entry(LogStorageException.class, Errors.KAFKA_STORAGE_ERROR),
            Map.entry(LogClosedException.class, Errors.NOT_LEADER_OR_FOLLOWER),
            Map.entry(AppendTruncatedException.class, Errors.NOT_LEADER_OR_FOLLOWER));

    private KafkaErrorMapper() {
    }

    /** The error code for {@code failure} (unwrapping completion wrappers). */
    public static Errors toError(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException) {
            return Errors.forException(t);
        }
        if (t instanceof GroupException g) {
            return toError(g.error());
        }
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            Errors e = CODES.get(c);
            if (e != null) {
                return e;
            }
        }
        LOGGER.error("Unexpected failure while handling a Kafka request", t);
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** The failure as an {@link ApiException} carrying the mapped code and the original message. */
    public static ApiException toApiException(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException api) {
            return api;
        }
        return toError(t).exception(t.getMessage());
    }

    /** The message to send with an error, where the API has a field for it. */
    public static String message(Throwable failure) {
        return unwrap(failure).getMessage();
    }

    /** The Kafka error of a group coordinator outcome: the constant of the same name. */
    public static Errors toError(GroupError error) {
        return Errors.valueOf(error.name());
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
