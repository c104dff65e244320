package io.tributary.kafka.handler.admin;

import io.tributary.config.KafkaSettings;
import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.Uuids;
import io.tributary.logstore.InvalidConfigException;
import io.tributary.logstore.topic.NewTopic;
import io.tributary.logstore.topic.TopicDescription;
import io.tributary.logstore.topic.TopicNames;
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
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreateTopicsRequest;

/**
 * CreateTopics (v2–7): each topic is checked in Kafka's order (name, duplicates in the request,
 * existence, configs, then partitions, replication factor and manual assignments), then created
 * through the topic registry, or only checked with {@code validateOnly}. -1 partitions and
 * replication factor mean {@code num.partitions} and 1. v5+ answers carry the partition count, the
 * replication factor and every config of the topic; v7+ its id.
 */
public final class CreateTopicsHandler implements RequestHandler<CreateTopicsRequest> {
    private final KafkaContext kafka;
    private final Leadership leadership;
    private final ReplicaAssignments replicas;

    public CreateTopicsHandler(KafkaContext kafka, Leadership leadership) {
        this.kafka = kafka;
        this.leadership = leadership;
        this.replicas = new ReplicaAssignments(leadership);
    }

    @Override
    public CompletableFuture<CreateTopicsResponseData> handle(RequestContext context, CreateTopicsRequest request) {
        CreateTopicsRequestData data = request.data();
        return context.onStorage(() -> {
            Set<String> seen = new HashSet<>();
            Set<String> duplicates = new HashSet<>();
            data.topics().forEach(t -> {
                if (!seen.add(t.name())) {
                    duplicates.add(t.name());
                }
            });
            List<CompletableFuture<CreatableTopicResult>> results = new ArrayList<>();
            Set<String> reported = new HashSet<>();
            for (CreatableTopic t : data.topics()) {
                if (!duplicates.contains(t.name())) {
                    results.add(create(t, data.validateOnly()));
                } else if (reported.add(t.name())) {
                    results.add(CompletableFuture.completedFuture(new CreatableTopicResult().setName(t.name())
                            .setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage("Duplicate topic name.")));
                }
            }
            return Futures.inOrder(results);
        }).thenCompose(f -> f).thenApply(results -> {
            CreateTopicsResponseData response = new CreateTopicsResponseData();
            results.forEach(r -> response.topics().add(r));
            return response;
        });
    }

    private CompletableFuture<CreatableTopicResult> create(CreatableTopic t, boolean validateOnly) {
        TopicRegistry registry = kafka.logs().topics();
        short factor = t.assignments().isEmpty() ? replicas.resolve(t.replicationFactor()) : (short) t.assignments().iterator().next().brokerIds().size();
        CompletableFuture<TopicDescription> done = Futures.attempt(() -> {
            NewTopic topic = check(t, registry);
            if (validateOnly) {
                return CompletableFuture.completedFuture(registry.validateCreate(topic));
            }
            Map<Integer, List<Integer>> manual = new HashMap<>();
            t.assignments().forEach(a -> manual.put(a.partitionIndex(), List.copyOf(a.brokerIds())));
            // the replicas are recorded first, so that the topic never exists without them
            return leadership.assignReplicas(t.name(), 0, topic.partitions(), factor, manual)
                    .thenCompose(v -> registry.createTopic(topic));
        });
        return done.handle((d, e) -> e == null ? created(d, factor) : new CreatableTopicResult().setName(t.name())
                .setErrorCode(KafkaErrorMapper.toError(e).code()).setErrorMessage(KafkaErrorMapper.message(e)));
    }

    /** The checks before the registry's own (which repeats the name, existence and partition checks atomically). */
    private NewTopic check(CreatableTopic t, TopicRegistry registry) {
        TopicNames.validate(t.name());
        if (registry.topic(t.name()).isPresent()) {
            throw new TopicExistsException("Topic '" + t.name() + "' already exists.");
        }
        Map<String, String> configs = new HashMap<>();
        for (CreatableTopicConfig c : t.configs()) {
            if (c.value() == null) {
                throw new InvalidConfigException("Null value not supported for topic configs: " + c.name());
            }
            configs.put(c.name(), c.value());
        }
        kafka.logs().brokerDefaults().withOverrides(configs);
        return new NewTopic(t.name(), partitions(t), configs);
    }

    /** The partition count, after Kafka's checks of the replication factor, the count and manual assignments, in its order. */
    private int partitions(CreatableTopic t) {
        if (t.assignments().isEmpty()) {
            if (t.replicationFactor() < -1 || t.replicationFactor() == 0) {
                throw new InvalidReplicationFactorException("Replication factor must be larger than 0, or -1 to use the default value.");
            }
            if (t.numPartitions() < -1 || t.numPartitions() == 0) {
                throw new InvalidPartitionsException("Number of partitions was set to an invalid non-positive value.");
            }
            replicas.checkReplicationFactor(t.replicationFactor());
            return t.numPartitions() == -1 ? kafka.config().get(KafkaSettings.NUM_PARTITIONS) : t.numPartitions();
        }
        if (t.replicationFactor() != -1) {
            throw new InvalidRequestException("A manual partition assignment was specified, but replication factor was not set to -1.");
        }
        if (t.numPartitions() != -1) {
            throw new InvalidRequestException("A manual partition assignment was specified, but numPartitions was not set to -1.");
        }
        Set<Integer> indexes = new HashSet<>();
        OptionalInt factor = OptionalInt.empty();
        for (CreatableReplicaAssignment a : t.assignments()) {
            if (!indexes.add(a.partitionIndex())) {
                throw new InvalidReplicaAssignmentException("Found multiple manual partition assignments for partition " + a.partitionIndex());
            }
            replicas.checkReplicas(a.brokerIds(), factor);
            factor = OptionalInt.of(a.brokerIds().size());
        }
        for (int i = 0; i < indexes.size(); i++) {
            if (!indexes.contains(i)) {
                throw new InvalidReplicaAssignmentException("partitions should be a consecutive 0-based integer sequence");
            }
        }
        return indexes.size();
    }

    private static CreatableTopicResult created(TopicDescription d, short factor) {
        return new CreatableTopicResult()
                .setName(d.name())
                .setTopicId(Uuids.toKafka(d.topicId()))
                .setNumPartitions(d.partitions())
                .setReplicationFactor(factor)
                .setConfigs(TopicConfigEntries.created(d.config()));
    }
}
