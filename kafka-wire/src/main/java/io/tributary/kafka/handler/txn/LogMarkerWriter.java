package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.AppendOrigin;
import io.tributary.logstore.AppendResult;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Writes transaction markers as control batches straight into the partition logs this node leads
 * (no WriteTxnMarkers round trip on one node); in a cluster, the markers of partitions led
 * elsewhere go to their leaders as WriteTxnMarkers requests ({@link Leadership#sendMarkers}). A
 * partition that no longer exists (its topic was deleted) needs no marker. Listeners hear of each
 * marker written to an offsets partition here.
 */
public final class LogMarkerWriter implements io.tributary.kafka.txn.MarkerWriter {
    /** Told of markers in {@code __consumer_offsets} partitions: the group coordinator applies or drops pending offsets. */
    @FunctionalInterface
    public interface OffsetsMarkerListener {
        void onMarker(TopicPartition offsetsPartition, long producerId, boolean commit);
    }

    /** The coordinator epoch written into markers; a single node never changes coordinators. */
    static final int COORDINATOR_EPOCH = 0;

    private final LogManager logs;
    private final Leadership leadership;
    private final LongSupplier clock;
    private final String offsetsTopic;
    private volatile OffsetsMarkerListener offsetsListener = (tp, pid, commit) -> { };

    public LogMarkerWriter(LogManager logs, Leadership leadership, LongSupplier clock, String offsetsTopic) {
        this.logs = logs;
        this.leadership = leadership;
        this.clock = clock;
        this.offsetsTopic = offsetsTopic;
    }

    public void setOffsetsListener(OffsetsMarkerListener listener) {
        this.offsetsListener = listener;
    }

    @Override
    public CompletableFuture<Void> write(long producerId, short producerEpoch, boolean commit, Collection<TopicPartition> partitions) {
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        List<TopicPartition> remote = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (leadership.isLeader(tp)) {
                durable.add(writeHere(producerId, producerEpoch, commit, tp));
            } else {
                remote.add(tp);
            }
        }
        if (!remote.isEmpty()) {
            durable.add(leadership.sendMarkers(producerId, producerEpoch, commit, remote));
        }
        return CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new));
    }

    /**
     * Writes one marker into a partition this node leads, in its current leader epoch; completes when
     * the partition's ISR has it. Throws NotLeaderOrFollowerException when this node does not lead it.
     */
    public CompletableFuture<Void> writeHere(long producerId, short producerEpoch, boolean commit, TopicPartition tp) {
        Optional<PartitionLog> log = logs.log(tp);
        if (log.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (!leadership.isLeader(tp)) {
            return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.NotLeaderOrFollowerException(
                    "this node does not lead " + tp));
        }
        ControlRecordType type = commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT;
        MemoryRecords marker = MemoryRecords.withEndTransactionMarker(clock.getAsLong(), producerId, producerEpoch,
                new EndTransactionMarker(type, COORDINATOR_EPOCH));
        try {
            AppendResult appended = log.get().appendAsLeader(marker.buffer(), leadership.partition(tp).leaderEpoch(), AppendOrigin.COORDINATOR);
            leadership.onLeaderAppend(tp);
            CompletableFuture<Void> d = leadership.whenCommitted(log.get(), appended);
            if (tp.topic().equals(offsetsTopic)) {
                d = d.thenRun(() -> offsetsListener.onMarker(tp, producerId, commit));
            }
            return d;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
