package io.tributary.kafka.handler.admin;

import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignablePartition;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignableTopic;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignablePartitionResponse;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignableTopicResponse;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingPartitionReassignment;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingTopicReassignment;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.ListPartitionReassignmentsRequest;

/**
 * AlterPartitionReassignments and ListPartitionReassignments ({@code kafka-reassign-partitions.sh},
 * Admin.alterPartitionReassignments): a partition moves to new replicas by first adding them (they
 * copy the log as followers), then, once all are in sync, dropping the old ones; null replicas
 * cancel a reassignment in progress.
 */
public final class PartitionReassignmentsHandlers {
    private PartitionReassignmentsHandlers() {
    }

    /** AlterPartitionReassignments. */
    public static RequestHandler<AlterPartitionReassignmentsRequest> alter(Leadership leadership) {
        return (RequestContext context, AlterPartitionReassignmentsRequest request) -> {
            List<CompletableFuture<ApiError>> results = new ArrayList<>();
            List<ReassignablePartitionResponse> responses = new ArrayList<>();
            AlterPartitionReassignmentsResponseData response = new AlterPartitionReassignmentsResponseData();
            for (ReassignableTopic t : request.data().topics()) {
                ReassignableTopicResponse topic = new ReassignableTopicResponse().setName(t.name());
                response.responses().add(topic);
                for (ReassignablePartition p : t.partitions()) {
                    ReassignablePartitionResponse r = new ReassignablePartitionResponse().setPartitionIndex(p.partitionIndex());
                    topic.partitions().add(r);
                    responses.add(r);
                    results.add(leadership.reassign(new TopicPartition(t.name(), p.partitionIndex()), p.replicas()));
                }
            }
            return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(v -> {
                for (int i = 0; i < results.size(); i++) {
                    ApiError e = results.get(i).join();
                    responses.get(i).setErrorCode(e.error().code()).setErrorMessage(e.message());
                }
                return response;
            });
        };
    }

    /** ListPartitionReassignments: those in progress, of the named partitions or all. */
    public static RequestHandler<ListPartitionReassignmentsRequest> list(Leadership leadership) {
        return (RequestContext context, ListPartitionReassignmentsRequest request) -> {
            Map<String, OngoingTopicReassignment> byTopic = new LinkedHashMap<>();
            leadership.reassignments().forEach((tp, lists) -> {
                boolean asked = request.data().topics() == null || request.data().topics().stream()
                        .anyMatch(t -> t.name().equals(tp.topic()) && t.partitionIndexes().contains(tp.partition()));
                if (asked) {
                    byTopic.computeIfAbsent(tp.topic(), n -> new OngoingTopicReassignment().setName(n)).partitions()
                            .add(new OngoingPartitionReassignment().setPartitionIndex(tp.partition()).setReplicas(lists.get(0))
                                    .setAddingReplicas(lists.get(1)).setRemovingReplicas(lists.get(2)));
                }
            });
            ListPartitionReassignmentsResponseData response = new ListPartitionReassignmentsResponseData();
            response.topics().addAll(byTopic.values());
            return CompletableFuture.completedFuture(response);
        };
    }
}
