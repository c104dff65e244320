package io.tributary.server.replication;

import io.tributary.kafka.handler.BrokerEndpoint;
import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.TopicPartition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a transaction coordinator's markers for partitions led by other nodes, as Kafka's
 * TransactionMarkerChannelManager: WriteTxnMarkers to each partition's current leader over
 * kafka-clients' NetworkClient, again to the new leader while leadership moves, until every
 * partition has its marker or {@value #DEADLINE_MS} ms passed. One thread; requests are small.
 */
final class MarkerSender implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(MarkerSender.class);
    private static final long DEADLINE_MS = 60_000;
    private static final long RETRY_MS = 100;

    private final int nodeId;
    private final Leadership leadership;
    private final IntFunction<BrokerEndpoint> endpoints;
    private final InternalClients clients;
    private final Map<Integer, LeaderConnection> connections = new HashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "txn-marker-sender");
        t.setDaemon(true);
        return t;
    });

    MarkerSender(int nodeId, Leadership leadership, IntFunction<BrokerEndpoint> endpoints, InternalClients clients) {
        this.nodeId = nodeId;
        this.clients = clients;
        this.leadership = leadership;
        this.endpoints = endpoints;
    }

    CompletableFuture<Void> send(long producerId, short producerEpoch, boolean commit, Collection<TopicPartition> partitions) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                sendUntilWritten(producerId, producerEpoch, commit, new LinkedHashSet<>(partitions));
                done.complete(null);
            } catch (RuntimeException | IOException e) {
                done.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void sendUntilWritten(long producerId, short epoch, boolean commit, Set<TopicPartition> pending)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!pending.isEmpty()) {
            Map<Integer, List<TopicPartition>> byLeader = new LinkedHashMap<>();
            for (TopicPartition tp : pending) {
                byLeader.computeIfAbsent(leadership.partition(tp).leader(), l -> new ArrayList<>()).add(tp);
            }
            for (Map.Entry<Integer, List<TopicPartition>> e : byLeader.entrySet()) {
                BrokerEndpoint leader = endpoints.apply(e.getKey());
                if (leader == null || e.getKey() == nodeId) {
                    continue; // no leader now, or leadership came here: the next round sees it
                }
                try {
                    pending.removeAll(sendTo(leader, producerId, epoch, commit, e.getValue()));
                } catch (IOException | RuntimeException ex) {
                    LOGGER.debug("WriteTxnMarkers to node {} failed: {}", e.getKey(), ex.toString());
                    connection(e.getKey()).reset();
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("transaction markers of producer " + producerId + " not written to " + pending + " in "
                        + DEADLINE_MS + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(RETRY_MS); // leadership is moving: wait for the new leader to be known
        }
    }

    /** The partitions the leader wrote the marker to. */
    private List<TopicPartition> sendTo(BrokerEndpoint leader, long producerId, short epoch, boolean commit, List<TopicPartition> partitions)
            throws IOException {
        Map<String, WritableTxnMarkerTopic> topics = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            topics.computeIfAbsent(tp.topic(), n -> new WritableTxnMarkerTopic().setName(n)).partitionIndexes().add(tp.partition());
        }
        WritableTxnMarker marker = new WritableTxnMarker().setProducerId(producerId).setProducerEpoch(epoch).setTransactionResult(commit)
                .setCoordinatorEpoch(0).setTopics(new ArrayList<>(topics.values()));
        WriteTxnMarkersRequestData data = new WriteTxnMarkersRequestData().setMarkers(List.of(marker));
        LeaderConnection c = connection(leader.nodeId());
        c.target(leader);
        WriteTxnMarkersResponse response = (WriteTxnMarkersResponse) c.send(new WriteTxnMarkersRequest.Builder(data));
        List<TopicPartition> written = new ArrayList<>();
        for (WritableTxnMarkerResult r : response.data().markers()) {
            for (WritableTxnMarkerTopicResult t : r.topics()) {
                for (WritableTxnMarkerPartitionResult p : t.partitions()) {
                    if (p.errorCode() == Errors.NONE.code()) {
                        written.add(new TopicPartition(t.name(), p.partitionIndex()));
                    }
                }
            }
        }
        return written;
    }

    private LeaderConnection connection(int node) {
        return connections.computeIfAbsent(node, n -> new LeaderConnection(nodeId, 30_000, clients));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.values().forEach(LeaderConnection::close);
    }
}
