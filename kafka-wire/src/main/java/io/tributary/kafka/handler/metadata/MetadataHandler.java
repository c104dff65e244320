package io.tributary.kafka.handler.metadata;

import io.tributary.config.KafkaSettings;
import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.BrokerEndpoint;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.PartitionLeader;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.Uuids;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.NewTopic;
import io.tributary.logstore.topic.TopicDescription;
import io.tributary.logstore.topic.TopicRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;

/**
 * Metadata: this node as the only broker and controller, and the requested topics (all of them for
 * a null list) with their partitions. An unknown topic is created when {@code auto.create.topics.enable}
 * and the request allow it, and is answered once it exists, so the client needs no retry.
 */
public final class MetadataHandler implements RequestHandler<MetadataRequest> {
    private final KafkaContext kafka;
    private final Leadership leadership;

    public MetadataHandler(KafkaContext kafka, Leadership leadership) {
        this.kafka = kafka;
        this.leadership = leadership;
    }

    @Override
    public CompletableFuture<MetadataResponseData> handle(RequestContext context, MetadataRequest request) {
        TopicRegistry registry = kafka.logs().topics();
        List<CompletableFuture<MetadataResponseTopic>> topics = new ArrayList<>();
        if (request.isAllTopics()) {
            registry.topics().forEach(t -> topics.add(CompletableFuture.completedFuture(describe(t))));
        } else {
            boolean autoCreate = request.data().allowAutoTopicCreation() && kafka.config().get(KafkaSettings.AUTO_CREATE_TOPICS);
            for (MetadataRequestTopic t : request.data().topics()) {
                topics.add(lookUp(registry, t, autoCreate));
            }
        }
        return CompletableFuture.allOf(topics.toArray(CompletableFuture[]::new)).thenApply(v -> {
            MetadataResponseData response = new MetadataResponseData()
                    .setClusterId(kafka.clusterId())
                    .setControllerId(leadership.controllerId());
            for (BrokerEndpoint b : leadership.brokers()) {
                response.brokers().add(new MetadataResponseBroker().setNodeId(b.nodeId()).setHost(b.host()).setPort(b.port()));
            }
            topics.forEach(f -> response.topics().add(f.join()));
            return response;
        });
    }

    private CompletableFuture<MetadataResponseTopic> lookUp(TopicRegistry registry, MetadataRequestTopic t, boolean autoCreate) {
        // By id (v10+): kafka-clients sends the name empty, not null, with a topic id (Admin.describeTopics by id).
        boolean byId = t.name() == null || (t.name().isEmpty() && t.topicId() != null && !Uuid.ZERO_UUID.equals(t.topicId()));
        if (byId) {
            Uuid id = t.topicId();
            return CompletableFuture.completedFuture(registry.topic(Uuids.fromKafka(id)).map(this::describe)
                    .orElseGet(() -> error(null, id, Errors.UNKNOWN_TOPIC_ID)));
        }
        Optional<TopicDescription> found = registry.topic(t.name());
        if (found.isPresent()) {
            return CompletableFuture.completedFuture(describe(found.get()));
        }
        if (!autoCreate) {
            return CompletableFuture.completedFuture(error(t.name(), Uuid.ZERO_UUID, Errors.UNKNOWN_TOPIC_OR_PARTITION));
        }
        CompletableFuture<TopicDescription> created;
        try {
            // ensureTopic: when another node of a cluster auto-creates the same name at once, both answer with its topic.
            int partitions = kafka.config().get(KafkaSettings.NUM_PARTITIONS);
            // in a cluster the replicas are placed first, so the topic never exists without them
            created = leadership.assignReplicas(t.name(), 0, partitions, (short) -1, Map.of())
                    .thenCompose(v -> registry.ensureTopic(new NewTopic(t.name(), partitions, Map.of())));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(error(t.name(), Uuid.ZERO_UUID, KafkaErrorMapper.toError(e)));
        }
        return created.handle((d, e) -> e == null ? describe(d) : error(t.name(), Uuid.ZERO_UUID, KafkaErrorMapper.toError(e)));
    }

    private MetadataResponseTopic describe(TopicDescription t) {
        MetadataResponseTopic topic = new MetadataResponseTopic()
                .setName(t.name())
                .setTopicId(Uuids.toKafka(t.topicId()))
                .setIsInternal(t.internal());
        for (int p = 0; p < t.partitions(); p++) {
            PartitionLeader leader = leadership.partition(new TopicPartition(t.name(), p));
            topic.partitions().add(new MetadataResponsePartition()
                    .setPartitionIndex(p)
                    .setErrorCode(leader.hasLeader() ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code())
                    .setLeaderId(leader.leader())
                    .setLeaderEpoch(leader.leaderEpoch())
                    .setReplicaNodes(leader.replicas())
                    .setIsrNodes(leader.isr())
                    .setOfflineReplicas(List.of()));
        }
        return topic;
    }

    private static MetadataResponseTopic error(String name, Uuid id, Errors error) {
        return new MetadataResponseTopic().setName(name).setTopicId(id).setErrorCode(error.code());
    }
}
