package io.tributary.kafka.handler.produce;

import io.tributary.kafka.handler.CloseConnectionException;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.PartitionLeader;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.logstore.AppendResult;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.TopicDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ProduceRequest;

/**
 * Produce: appends each partition's batch as the leader (on the connection's storage executor, so
 * pipelined requests append in order), then answers once every append is durable. acks=0 gets no
 * answer; if one of its appends fails the connection is closed, as Kafka does, so the producer
 * refreshes its metadata.
 */
public final class ProduceHandler implements RequestHandler<ProduceRequest> {
    private final TopicResolver topics;
    private final Leadership leadership;

    public ProduceHandler(TopicResolver topics, Leadership leadership) {
        this.topics = topics;
        this.leadership = leadership;
    }

    @Override
    public CompletableFuture<ProduceResponseData> handle(RequestContext context, ProduceRequest request) {
        ProduceRequestData data = request.data();
        short version = context.apiVersion();
        return context.onStorage(() -> appendAll(data, version)).thenCompose(appends -> {
            if (data.acks() == 0) {
                return acksZero(appends);
            }
            List<CompletableFuture<PartitionAppend>> durable = new ArrayList<>();
            appends.forEach(t -> t.partitions().forEach(p -> durable.add(p.whenDurable())));
            return CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).thenApply(v -> respond(appends, durable));
        });
    }

    private static CompletableFuture<ProduceResponseData> acksZero(List<TopicAppends> appends) {
        for (TopicAppends t : appends) {
            for (PartitionAppend p : t.partitions()) {
                if (p.error() != Errors.NONE) {
                    throw new CloseConnectionException("acks=0 produce to " + t.data().name() + "-" + p.partition() + " failed: " + p.error());
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private List<TopicAppends> appendAll(ProduceRequestData data, short version) {
        List<TopicAppends> out = new ArrayList<>(data.topicData().size());
        for (TopicProduceData t : data.topicData()) {
            Optional<TopicDescription> topic = topics.topic(t.name(), t.topicId());
            List<PartitionAppend> partitions = new ArrayList<>(t.partitionData().size());
            for (PartitionProduceData p : t.partitionData()) {
                partitions.add(topic.map(d -> append(d, p, data.acks(), version))
                        .orElseGet(() -> PartitionAppend.failed(p.index(), TopicResolver.unknownTopic(version >= 13))));
            }
            out.add(new TopicAppends(t, partitions));
        }
        return out;
    }

    private PartitionAppend append(TopicDescription topic, PartitionProduceData p, short acks, short version) {
        if (topic.internal()) {
            // Only the coordinators write __consumer_offsets and __transaction_state (Kafka: "Cannot append to internal topic").
            return PartitionAppend.failed(p.index(), Errors.INVALID_TOPIC_EXCEPTION);
        }
        Optional<PartitionLog> log = topics.log(topic, p.index());
        if (log.isEmpty()) {
            return PartitionAppend.failed(p.index(), Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        TopicPartition tp = log.get().topicPartition();
        PartitionLeader leader = leadership.partition(tp);
        if (!leadership.isLeader(tp)) {
            return PartitionAppend.failed(p.index(), Errors.NOT_LEADER_OR_FOLLOWER);
        }
        if (acks == -1 && log.get().config().minInSyncReplicas() > leadership.inSyncReplicas(tp)) {
            return PartitionAppend.failed(p.index(), Errors.NOT_ENOUGH_REPLICAS);
        }
        try {
            ProduceRequest.validateRecords(version, p.records());
            if (!(p.records() instanceof MemoryRecords records)) {
                return PartitionAppend.failed(p.index(), Errors.CORRUPT_MESSAGE);
            }
            AppendResult result = log.get().appendAsLeader(records.buffer(), leader.leaderEpoch());
            leadership.onLeaderAppend(tp);
            return PartitionAppend.appended(p.index(), result, acks == -1 ? leadership.whenCommitted(log.get(), result) : result.durable());
        } catch (RuntimeException e) {
            return PartitionAppend.failed(p.index(), e);
        }
    }

    private static ProduceResponseData respond(List<TopicAppends> appends, List<CompletableFuture<PartitionAppend>> durable) {
        ProduceResponseData response = new ProduceResponseData();
        int i = 0;
        for (TopicAppends t : appends) {
            TopicProduceResponse topic = new TopicProduceResponse().setName(t.data().name()).setTopicId(t.data().topicId());
            for (int n = 0; n < t.partitions().size(); n++) {
                topic.partitionResponses().add(durable.get(i++).join().toResponse());
            }
            response.responses().add(topic);
        }
        return response;
    }

    private record TopicAppends(TopicProduceData data, List<PartitionAppend> partitions) {
    }
}
