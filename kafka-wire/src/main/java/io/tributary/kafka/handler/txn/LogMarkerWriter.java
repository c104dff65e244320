package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.AppendOrigin;
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
 * Writes transaction markers as control batches straight into the partition logs of this node (no
 * WriteTxnMarkers round trip on one node). A partition that no longer exists (its topic was deleted)
 * needs no marker. Listeners hear of each marker written to an offsets partition.
 */
public final class LogMarkerWriter implements io.tributary.kafka.txn.MarkerWriter {
    /** Told of markers in {@code __consumer_offsets} partitions: the group coordinator applies or drops pending offsets. */
    @FunctionalInterface
    public interface OffsetsMarkerListener {
        void onMarker(TopicPartition offsetsPartition, long producerId, boolean commit);
    }

    /** The coordinator epoch written into markers; a single node never changes coordinators. */
    private static final int COORDINATOR_EPOCH = 0;

    private final LogManager logs;
    private final LongSupplier clock;
    private final String offsetsTopic;
    private volatile OffsetsMarkerListener offsetsListener = (tp, pid, commit) -> { };

    public LogMarkerWriter(LogManager logs, LongSupplier clock, String offsetsTopic) {
        this.logs = logs;
        this.clock = clock;
        this.offsetsTopic = offsetsTopic;
    }

    public void setOffsetsListener(OffsetsMarkerListener listener) {
        this.offsetsListener = listener;
    }

    @Override
    public CompletableFuture<Void> write(long producerId, short producerEpoch, boolean commit, Collection<TopicPartition> partitions) {
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        ControlRecordType type = commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT;
        for (TopicPartition tp : partitions) {
            Optional<PartitionLog> log = logs.log(tp);
            if (log.isEmpty()) {
                continue;
            }
            MemoryRecords marker = MemoryRecords.withEndTransactionMarker(clock.getAsLong(), producerId, producerEpoch,
                    new EndTransactionMarker(type, COORDINATOR_EPOCH));
            try {
                CompletableFuture<Void> d = log.get().appendAsLeader(marker.buffer(), Leadership.LEADER_EPOCH, AppendOrigin.COORDINATOR).durable();
                if (tp.topic().equals(offsetsTopic)) {
                    d = d.thenRun(() -> offsetsListener.onMarker(tp, producerId, commit));
                }
                durable.add(d);
            } catch (RuntimeException e) {
                durable.add(CompletableFuture.failedFuture(e));
            }
        }
        return CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new));
    }
}
