package io.tributary.kafka.handler.admin;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.topic.TopicDescription;
import io.tributary.logstore.topic.TopicRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.requests.CreatePartitionsRequest;

/**
 * CreatePartitions (v0–3): raises a topic's partition count to {@code count}, creating the new
 * partitions' logs, or only checks with {@code validateOnly}. A topic named twice is answered once
 * with {@code INVALID_REQUEST}. The same or a lower count is
 * {@code INVALID_PARTITIONS} (with Kafka's messages); manual assignments, when given (even an empty
 * list, as in Kafka), must name one replica list per new partition, each valid for this node.
 */
public final class CreatePartitionsHandler implements RequestHandler<CreatePartitionsRequest> {
    private final LogManager logs;
    private final Leadership leadership;
    private final ReplicaAssignments replicas;

    public CreatePartitionsHandler(LogManager logs, Leadership leadership) {
        this.logs = logs;
        this.leadership = leadership;
        this.replicas = new ReplicaAssignments(leadership);
    }

    @Override
    public CompletableFuture<CreatePartitionsResponseData> handle(RequestContext context, CreatePartitionsRequest request) {
        CreatePartitionsRequestData data = request.data();
        return context.onStorage(() -> {
            Map<String, Integer> counts = new HashMap<>();
            data.topics().forEach(t -> counts.merge(t.name(), 1, Integer::sum));
            List<CompletableFuture<CreatePartitionsTopicResult>> results = new ArrayList<>();
            Set<String> reported = new HashSet<>();
            for (CreatePartitionsTopic t : data.topics()) {
                boolean duplicate = counts.get(t.name()) > 1;
                if (duplicate && !reported.add(t.name())) {
                    continue;
                }
                CompletableFuture<?> done = duplicate
                        ? CompletableFuture.failedFuture(new InvalidRequestException("Duplicate topic name."))
                        : Futures.attempt(() -> grow(t, data.validateOnly()));
                CreatePartitionsTopicResult result = new CreatePartitionsTopicResult().setName(t.name());
                results.add(done.handle((v, e) -> e == null ? result
                        : result.setErrorCode(KafkaErrorMapper.toError(e).code()).setErrorMessage(KafkaErrorMapper.message(e))));
            }
            return Futures.inOrder(results);
        }).thenCompose(f -> f).thenApply(results -> new CreatePartitionsResponseData().setResults(results));
    }

    private CompletableFuture<TopicDescription> grow(CreatePartitionsTopic t, boolean validateOnly) {
        TopicRegistry registry = logs.topics();
        int current = registry.require(t.name()).partitions();
        if (t.count() == current) {
            throw new InvalidPartitionsException("Topic already has " + current + " partition(s).");
        }
        if (t.count() < current) {
            throw new InvalidPartitionsException("The topic " + t.name() + " currently has " + current + " partition(s); " + t.count()
                    + " would not be an increase.");
        }
        TopicDescription after = registry.validateCreatePartitions(t.name(), t.count());
        short factor = replicas.replicationFactor(t.name());
        if (t.assignments() != null) {
            int added = t.count() - current;
            if (t.assignments().size() != added) {
                throw new InvalidReplicaAssignmentException("Attempted to add " + added + " additional partition(s), but only "
                        + t.assignments().size() + " assignment(s) were specified.");
            }
            for (CreatePartitionsAssignment a : t.assignments()) {
                replicas.checkReplicas(a.brokerIds(), OptionalInt.of(factor));
            }
        }
        if (validateOnly) {
            return CompletableFuture.completedFuture(after);
        }
        Map<Integer, List<Integer>> manual = new HashMap<>();
        if (t.assignments() != null) {
            for (int i = 0; i < t.assignments().size(); i++) {
                manual.put(current + i, List.copyOf(t.assignments().get(i).brokerIds()));
            }
        }
        // the new partitions' replicas are recorded first, as for a new topic
        return leadership.assignReplicas(t.name(), current, t.count() - current, factor, manual)
                .thenCompose(v -> registry.createPartitions(t.name(), t.count()));
    }
}
