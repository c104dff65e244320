package io.tributary.kafka.handler.admin;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.TopicDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ElectLeadersRequestData.TopicPartitions;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData.PartitionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData.ReplicaElectionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.ElectLeadersRequest;

/**
 * ElectLeaders ({@code kafka-leader-election.sh}, Admin.electLeaders): preferred-leader election
 * (type 0) moves each partition's leadership back to its first replica when that one is in sync;
 * unclean election (type 1) gives a leaderless partition any live replica. Null partitions mean
 * every partition, as in Kafka.
 */
public final class ElectLeadersHandler implements RequestHandler<ElectLeadersRequest> {
    private static final byte UNCLEAN = 1;
    private final KafkaContext kafka;

    public ElectLeadersHandler(KafkaContext kafka) {
        this.kafka = kafka;
    }

    @Override
    public CompletableFuture<ElectLeadersResponseData> handle(RequestContext context, ElectLeadersRequest request) {
        ElectLeadersRequestData data = request.data();
        List<TopicPartition> partitions = new ArrayList<>();
        if (data.topicPartitions() == null) {
            for (TopicDescription t : kafka.logs().topics().topics()) {
                for (int p = 0; p < t.partitions(); p++) {
                    partitions.add(new TopicPartition(t.name(), p));
                }
            }
        } else {
            for (TopicPartitions t : data.topicPartitions()) {
                t.partitions().forEach(p -> partitions.add(new TopicPartition(t.topic(), p)));
            }
        }
        boolean unclean = data.electionType() == UNCLEAN;
        return kafka.leadership().electLeaders(unclean, partitions).thenApply(results -> {
            Map<String, ReplicaElectionResult> byTopic = new LinkedHashMap<>();
            results.forEach((tp, error) -> byTopic.computeIfAbsent(tp.topic(), n -> new ReplicaElectionResult().setTopic(n))
                    .partitionResult().add(result(tp.partition(), error)));
            ElectLeadersResponseData response = new ElectLeadersResponseData();
            response.replicaElectionResults().addAll(byTopic.values());
            return response;
        });
    }

    private static PartitionResult result(int partition, ApiError error) {
        return new PartitionResult().setPartitionId(partition).setErrorCode(error.error().code()).setErrorMessage(error.message());
    }
}
