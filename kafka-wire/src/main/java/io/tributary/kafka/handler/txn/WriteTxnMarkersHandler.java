package io.tributary.kafka.handler.txn;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;

/**
 * WriteTxnMarkers, the inter-broker request by which a transaction coordinator on another node
 * ends a transaction in the partitions this node leads: each marker is appended as the
 * coordinator's control batch and answered once the partition's ISR has it, or with
 * NOT_LEADER_OR_FOLLOWER when leadership moved (the sender retries at the new leader).
 */
public final class WriteTxnMarkersHandler implements RequestHandler<WriteTxnMarkersRequest> {
    private final LogMarkerWriter markers;

    public WriteTxnMarkersHandler(LogMarkerWriter markers) {
        this.markers = markers;
    }

    @Override
    public CompletableFuture<WriteTxnMarkersResponseData> handle(RequestContext context, WriteTxnMarkersRequest request) {
        WriteTxnMarkersResponseData response = new WriteTxnMarkersResponseData();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        List<WritableTxnMarkerPartitionResult> results = new ArrayList<>();
        for (WritableTxnMarker m : request.data().markers()) {
            WritableTxnMarkerResult marker = new WritableTxnMarkerResult().setProducerId(m.producerId());
            response.markers().add(marker);
            for (WritableTxnMarkerTopic t : m.topics()) {
                WritableTxnMarkerTopicResult topic = new WritableTxnMarkerTopicResult().setName(t.name());
                marker.topics().add(topic);
                for (int p : t.partitionIndexes()) {
                    WritableTxnMarkerPartitionResult r = new WritableTxnMarkerPartitionResult().setPartitionIndex(p);
                    topic.partitions().add(r);
                    results.add(r);
                    writes.add(markers.writeHere(m.producerId(), m.producerEpoch(), m.transactionResult(), new TopicPartition(t.name(), p)));
                }
            }
        }
        List<CompletableFuture<Void>> answered = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            WritableTxnMarkerPartitionResult r = results.get(i);
            answered.add(writes.get(i).handle((v, e) -> {
                r.setErrorCode(e == null ? Errors.NONE.code() : KafkaErrorMapper.toError(e).code());
                return null;
            }));
        }
        return CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new)).thenApply(v -> response);
    }
}
