package io.tributary.kafka.handler.admin;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.kafka.handler.Uuids;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.topic.TopicDescription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteTopicsRequest;

/**
 * DeleteTopics (v1–6): by name, and from v6 by topic id. A topic named twice (answered once), a topic given by both
 * name and id, or by neither, is an {@code INVALID_REQUEST}; an unknown one is
 * {@code UNKNOWN_TOPIC_OR_PARTITION} (by name) or {@code UNKNOWN_TOPIC_ID} (by id). The answer comes
 * once the deletion is durable and the partition logs are closed; their files go later.
 */
public final class DeleteTopicsHandler implements RequestHandler<DeleteTopicsRequest> {
    private final LogManager logs;
    private final TopicResolver topics;
    private final Leadership leadership;

    public DeleteTopicsHandler(LogManager logs, TopicResolver topics, Leadership leadership) {
        this.logs = logs;
        this.topics = topics;
        this.leadership = leadership;
    }

    @Override
    public CompletableFuture<DeleteTopicsResponseData> handle(RequestContext context, DeleteTopicsRequest request) {
        List<DeleteTopicState> requested = request.topics();
        return context.onStorage(() -> {
            Map<Object, Integer> counts = new HashMap<>();
            requested.forEach(t -> counts.merge(key(t), 1, Integer::sum));
            List<CompletableFuture<DeletableTopicResult>> results = new ArrayList<>();
            Set<Object> reported = new HashSet<>();
            for (DeleteTopicState t : requested) {
                boolean duplicate = counts.get(key(t)) > 1;
                if (!duplicate || reported.add(key(t))) {
                    results.add(delete(t, duplicate));
                }
            }
            return Futures.inOrder(results);
        }).thenCompose(f -> f).thenApply(results -> {
            DeleteTopicsResponseData response = new DeleteTopicsResponseData();
            results.forEach(r -> response.responses().add(r));
            return response;
        });
    }

    private static Object key(DeleteTopicState t) {
        return t.name() != null ? t.name() : t.topicId();
    }

    private CompletableFuture<DeletableTopicResult> delete(DeleteTopicState t, boolean duplicate) {
        boolean byId = t.name() == null;
        Uuid id = t.topicId() == null ? Uuid.ZERO_UUID : t.topicId();
        DeletableTopicResult result = new DeletableTopicResult().setName(t.name()).setTopicId(id);
        if (byId && Uuid.ZERO_UUID.equals(id)) {
            return invalid(result, "Neither topic name nor id were specified.");
        }
        if (!byId && !Uuid.ZERO_UUID.equals(id)) {
            return invalid(result, "You may not specify both topic name and topic id.");
        }
        if (duplicate) {
            return invalid(result, byId ? "Duplicate topic id." : "Duplicate topic name.");
        }
        Optional<TopicDescription> topic = topics.topic(t.name(), id);
        if (topic.isEmpty()) {
            Errors error = TopicResolver.unknownTopic(byId);
            return CompletableFuture.completedFuture(result.setErrorCode(error.code()).setErrorMessage(error.message()));
        }
        TopicDescription d = topic.get();
        result.setName(d.name()).setTopicId(Uuids.toKafka(d.topicId()));
        if (d.internal()) {
            // The group and transaction coordinators own these logs; deleting one would lose every commit it holds.
            return invalid(result, "Topic " + d.name() + " is an internal topic and cannot be deleted.");
        }
        return Futures.attempt(() -> logs.topics().deleteTopic(d.name()).thenCompose(v -> leadership.forgetReplicas(d.name(), d.partitions())))
                .handle((v, e) -> e == null ? result
                        : result.setErrorCode(KafkaErrorMapper.toError(e).code()).setErrorMessage(KafkaErrorMapper.message(e)));
    }

    private static CompletableFuture<DeletableTopicResult> invalid(DeletableTopicResult result, String message) {
        return CompletableFuture.completedFuture(result.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage(message));
    }
}
