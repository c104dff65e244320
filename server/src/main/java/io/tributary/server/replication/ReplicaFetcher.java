package io.tributary.server.replication;

import io.tributary.kafka.handler.BrokerEndpoint;
import io.tributary.logstore.LogStoreException;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.epoch.EpochEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per leader node: copies the partitions this node follows from that leader. Each round
 * first truncates partitions new to an epoch to where they agree with the leader
 * (OffsetsForLeaderEpoch, KIP-101/279), then fetches all of them from their log end offsets with a
 * Fetch carrying this node's replica id, appends what came back as follower appends, waits until
 * those bytes are fsynced (so the next fetch offset tells the leader what is durable here, which is
 * what the leader's high watermark and {@code acks=all} count), and takes the leader's high
 * watermark as this log's bound.
 */
final class ReplicaFetcher implements Runnable, AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReplicaFetcher.class);
    private static final long BACKOFF_MS = 100;

    private final int replicaId;
    private final int leaderId;
    private final Supplier<BrokerEndpoint> leaderEndpoint;
    private final int maxWaitMs;
    private final int maxBytes;
    private final InternalClients clients;
    private final Map<TopicPartition, FollowedPartition> partitions = new ConcurrentHashMap<>();
    private final Object changed = new Object();
    private final Thread thread;
    private volatile boolean running = true;

    ReplicaFetcher(int replicaId, int leaderId, Supplier<BrokerEndpoint> leaderEndpoint, int maxWaitMs, int maxBytes, InternalClients clients) {
        this.replicaId = replicaId;
        this.clients = clients;
        this.leaderId = leaderId;
        this.leaderEndpoint = leaderEndpoint;
        this.maxWaitMs = maxWaitMs;
        this.maxBytes = maxBytes;
        this.thread = new Thread(this, "replica-fetcher-" + replicaId + "-from-" + leaderId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Follows {@code tp} from this leader in {@code p.leaderEpoch}, replacing an earlier epoch's entry. */
    void add(TopicPartition tp, FollowedPartition p) {
        partitions.put(tp, p);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    void remove(TopicPartition tp) {
        partitions.remove(tp);
    }

    FollowedPartition get(TopicPartition tp) {
        return partitions.get(tp);
    }

    boolean isEmpty() {
        return partitions.isEmpty();
    }

    @Override
    public void run() {
        try (LeaderConnection connection = new LeaderConnection(replicaId, maxWaitMs + 30_000, clients)) {
            while (running) {
                if (partitions.isEmpty()) {
                    pause(200);
                    continue;
                }
                BrokerEndpoint leader = leaderEndpoint.get();
                if (leader == null) {
                    pause(BACKOFF_MS);
                    continue;
                }
                try {
                    connection.target(leader);
                    truncateNewEpochs(connection);
                    fetchOnce(connection);
                } catch (IOException | RuntimeException e) {
                    if (running) {
                        LOGGER.debug("Fetch from leader {} failed: {}", leaderId, e.toString());
                        connection.reset();
                        pause(BACKOFF_MS);
                    }
                }
            }
        }
    }

    private void truncateNewEpochs(LeaderConnection connection) throws IOException {
        OffsetForLeaderTopicCollection topics = new OffsetForLeaderTopicCollection();
        Map<TopicPartition, FollowedPartition> asked = new HashMap<>();
        for (Map.Entry<TopicPartition, FollowedPartition> e : partitions.entrySet()) {
            FollowedPartition p = e.getValue();
            if (p.truncated) {
                continue;
            }
            OptionalInt latest = p.log.latestEpoch();
            if (latest.isEmpty()) {
                p.truncated = true; // an empty log agrees with every leader
                continue;
            }
            OffsetForLeaderTopic t = topics.find(e.getKey().topic());
            if (t == null) {
                t = new OffsetForLeaderTopic().setTopic(e.getKey().topic());
                topics.add(t);
            }
            t.partitions().add(new OffsetForLeaderPartition().setPartition(e.getKey().partition())
                    .setCurrentLeaderEpoch(p.leaderEpoch).setLeaderEpoch(latest.getAsInt()));
            asked.put(e.getKey(), p);
        }
        if (asked.isEmpty()) {
            return;
        }
        OffsetsForLeaderEpochResponse response = (OffsetsForLeaderEpochResponse) connection.send(
                OffsetsForLeaderEpochRequest.Builder.forFollower(topics, replicaId));
        for (OffsetForLeaderTopicResult t : response.data().topics()) {
            for (EpochEndOffset r : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.topic(), r.partition());
                FollowedPartition p = asked.get(tp);
                if (p == null || partitions.get(tp) != p || r.errorCode() != Errors.NONE.code()) {
                    continue; // answered again next round, or replaced by a newer epoch meanwhile
                }
                truncate(tp, p, r);
            }
        }
    }

    /** Cuts the follower's log to where it agrees with the leader's answer for its latest epoch. */
    private void truncate(TopicPartition tp, FollowedPartition p, EpochEndOffset r) {
        long end = p.log.logEndOffset();
        long target;
        if (r.leaderEpoch() < 0 || r.endOffset() < 0) {
            target = Math.min(end, p.log.highWatermark()); // the leader knows no epoch this old: keep only what was committed
        } else {
            long ownEnd = p.log.endOffsetForEpoch(r.leaderEpoch()).map(EpochEntry::startOffset).orElse(end);
            target = Math.min(end, Math.min(r.endOffset(), ownEnd));
        }
        if (target < end) {
            LOGGER.info("{}: truncating from {} to {} to agree with leader {} in epoch {}", tp, end, target, leaderId, p.leaderEpoch);
            p.log.truncateTo(target);
        }
        p.truncated = true;
    }

    private void fetchOnce(LeaderConnection connection) throws IOException {
        Map<org.apache.kafka.common.TopicPartition, FetchRequest.PartitionData> data = new LinkedHashMap<>();
        Map<Uuid, String> names = new HashMap<>();
        Map<TopicPartition, FollowedPartition> fetched = new HashMap<>();
        for (Map.Entry<TopicPartition, FollowedPartition> e : partitions.entrySet()) {
            FollowedPartition p = e.getValue();
            if (!p.truncated) {
                continue;
            }
            Uuid id = new Uuid(p.topicId.getMostSignificantBits(), p.topicId.getLeastSignificantBits());
            names.put(id, e.getKey().topic());
            data.put(new org.apache.kafka.common.TopicPartition(e.getKey().topic(), e.getKey().partition()),
                    new FetchRequest.PartitionData(id, p.log.logEndOffset(), -1L, maxBytes, java.util.Optional.of(p.leaderEpoch)));
            fetched.put(e.getKey(), p);
        }
        if (data.isEmpty()) {
            return;
        }
        FetchRequest.Builder request = FetchRequest.Builder.forReplica(ApiKeys.FETCH.latestVersion(), replicaId, -1L, maxWaitMs, 1, data)
                .setMaxBytes(maxBytes * Math.max(1, data.size()));
        FetchResponse response = (FetchResponse) connection.send(request);
        if (response.error() != Errors.NONE) {
            throw new IOException("fetch from leader " + leaderId + " failed: " + response.error());
        }
        boolean backOff = false;
        for (Map.Entry<org.apache.kafka.common.TopicPartition, FetchResponseData.PartitionData> e
                : response.responseData(names, ApiKeys.FETCH.latestVersion()).entrySet()) {
            TopicPartition tp = new TopicPartition(e.getKey().topic(), e.getKey().partition());
            FollowedPartition p = fetched.get(tp);
            if (p == null || partitions.get(tp) != p) {
                continue;
            }
            backOff |= !apply(tp, p, e.getValue());
        }
        if (backOff) {
            pause(BACKOFF_MS);
        }
    }

    /** Appends one partition's answer; false when the answer says to wait (not the leader, epoch mismatch). */
    private boolean apply(TopicPartition tp, FollowedPartition p, FetchResponseData.PartitionData pd) {
        Errors error = Errors.forCode(pd.errorCode());
        if (error == Errors.OFFSET_OUT_OF_RANGE) {
            if (p.log.logEndOffset() < pd.logStartOffset()) {
                LOGGER.info("{}: behind leader {}'s log start {}; starting the log afresh there", tp, leaderId, pd.logStartOffset());
                p.log.truncateFullyAndStartAt(pd.logStartOffset());
            } else {
                p.truncated = false; // ahead of the leader: find where the logs agree again
            }
            return true;
        }
        if (error != Errors.NONE) {
            LOGGER.debug("{}: leader {} answered {}", tp, leaderId, error);
            return false;
        }
        Records records = FetchResponse.recordsOrFail(pd);
        if (records.sizeInBytes() > 0 && records instanceof MemoryRecords memory) {
            ByteBuffer whole = wholeBatches(memory);
            if (whole.hasRemaining()) {
                try {
                    p.log.appendAsFollower(whole).durable().get(30, TimeUnit.SECONDS);
                } catch (LogStoreException e) {
                    LOGGER.warn("{}: cannot append the leader's batches: {}", tp, e.getMessage());
                    p.truncated = false;
                    return false;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    LOGGER.warn("{}: copied batches did not become durable: {}", tp, e.toString());
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return false;
                }
            }
        }
        p.log.updateHighWatermarkBound(Math.min(pd.highWatermark(), p.log.logEndOffset()));
        return true;
    }

    /** The complete batches of a fetch answer (the leader may cut the last one at its byte limit). */
    private static ByteBuffer wholeBatches(MemoryRecords records) {
        int bytes = 0;
        for (MutableRecordBatch b : records.batches()) {
            bytes += b.sizeInBytes();
        }
        ByteBuffer buf = records.buffer().duplicate();
        buf.limit(buf.position() + bytes);
        return buf.slice();
    }

    private void pause(long ms) {
        synchronized (changed) {
            try {
                changed.wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
