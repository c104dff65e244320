package io.tributary.kafka.handler.admin;

import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.PartitionLeader;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.Uuids;
import io.tributary.logstore.InvalidTopicException;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.TopicDescription;
import io.tributary.logstore.topic.TopicNames;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.Cursor;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest;

/**
 * DescribeTopicPartitions (v0, KIP-966): what {@code Admin.describeTopics} by name asks first. The
 * requested topics (all of them for an empty list), in name order from the cursor on, with at most
 * {@code responsePartitionLimit} partitions (capped at Kafka's {@code max.request.partition.size.limit}
 * default, 2000) and a next cursor where the answer stops, as Kafka's broker pages them. An unknown
 * topic is {@code UNKNOWN_TOPIC_OR_PARTITION}, an impossible name {@code INVALID_TOPIC_EXCEPTION};
 * every partition is led by this node with no eligible-leader replicas beyond it.
 */
public final class DescribeTopicPartitionsHandler implements RequestHandler<DescribeTopicPartitionsRequest> {
    /** Kafka's {@code max.request.partition.size.limit} default. */
    static final int MAX_PARTITIONS_PER_RESPONSE = 2000;

    private final LogManager logs;
    private final Leadership leadership;

    public DescribeTopicPartitionsHandler(LogManager logs, Leadership leadership) {
        this.logs = logs;
        this.leadership = leadership;
    }

    @Override
    public CompletableFuture<DescribeTopicPartitionsResponseData> handle(RequestContext context, DescribeTopicPartitionsRequest request) {
        DescribeTopicPartitionsRequestData data = request.data();
        DescribeTopicPartitionsRequestData.Cursor cursor = data.cursor();
        TreeSet<String> names = new TreeSet<>();
        if (data.topics().isEmpty()) {
            logs.topics().topics().forEach(t -> names.add(t.name()));
            if (cursor != null) {
                names.add(cursor.topicName());
                names.headSet(cursor.topicName(), false).clear();
            }
        } else {
            data.topics().forEach(t -> {
                if (cursor == null || t.name().compareTo(cursor.topicName()) >= 0) {
                    names.add(t.name());
                }
            });
            if (cursor != null && !names.contains(cursor.topicName())) {
                throw new InvalidRequestException("DescribeTopicPartitionsRequest topic list should contain the cursor topic: "
                        + cursor.topicName());
            }
        }
        int remaining = Math.min(MAX_PARTITIONS_PER_RESPONSE, data.responsePartitionLimit());
        DescribeTopicPartitionsResponseData response = new DescribeTopicPartitionsResponseData();
        for (String name : names) {
            if (remaining <= 0) {
                response.setNextCursor(new Cursor().setTopicName(name).setPartitionIndex(0));
                break;
            }
            Optional<TopicDescription> topic = logs.topics().topic(name);
            if (topic.isEmpty()) {
                response.topics().add(new DescribeTopicPartitionsResponseTopic().setName(name).setTopicId(Uuid.ZERO_UUID)
                        .setErrorCode(unknown(name).code()).setIsInternal(name.startsWith("__")));
                continue;
            }
            int start = cursor != null && name.equals(cursor.topicName()) ? cursor.partitionIndex() : 0;
            int end = Math.min(topic.get().partitions(), start + remaining);
            response.topics().add(describe(topic.get(), start, end));
            if (end < topic.get().partitions()) {
                response.setNextCursor(new Cursor().setTopicName(name).setPartitionIndex(end));
                break;
            }
            remaining -= Math.max(0, end - start);
        }
        return CompletableFuture.completedFuture(response);
    }

    private DescribeTopicPartitionsResponseTopic describe(TopicDescription t, int start, int end) {
        DescribeTopicPartitionsResponseTopic topic = new DescribeTopicPartitionsResponseTopic()
                .setName(t.name())
                .setTopicId(Uuids.toKafka(t.topicId()))
                .setIsInternal(t.internal());
        for (int p = start; p < end; p++) {
            PartitionLeader leader = leadership.partition(new TopicPartition(t.name(), p));
            topic.partitions().add(new DescribeTopicPartitionsResponsePartition()
                    .setPartitionIndex(p)
                    .setErrorCode(leader.hasLeader() ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code())
                    .setLeaderId(leader.leader())
                    .setLeaderEpoch(leader.leaderEpoch())
                    .setReplicaNodes(leader.replicas())
                    .setIsrNodes(leader.isr())
                    .setEligibleLeaderReplicas(List.of())
                    .setLastKnownElr(List.of())
                    .setOfflineReplicas(List.of()));
        }
        return topic;
    }

    private static Errors unknown(String name) {
        try {
            TopicNames.validate(name);
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        } catch (InvalidTopicException e) {
            return Errors.INVALID_TOPIC_EXCEPTION;
        }
    }
}
