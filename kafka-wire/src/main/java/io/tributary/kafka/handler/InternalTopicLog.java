package io.tributary.kafka.handler;

import io.tributary.logstore.AppendOrigin;
import io.tributary.logstore.AppendResult;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Key/value records in one partition of an internal topic (a coordinator's state, like
 * {@code __transaction_state}): appended as record batches, replayed from the start at load.
 */
public final class InternalTopicLog {
    private static final int READ_BYTES = 1024 * 1024;

    private final PartitionLog log;

    public InternalTopicLog(PartitionLog log) {
        this.log = log;
    }

    /**
     * Appends one record as the partition's coordinator; completes once committed (on one node:
     * durable; in a cluster: the ISR has it). A null value is a tombstone.
     */
    public CompletableFuture<Void> append(byte[] key, byte[] value, long timestampMs, Leadership leadership) {
        MemoryRecords batch = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(timestampMs, key, value));
        try {
            return appendAsCoordinator(log, batch, leadership);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A coordinator's write into its internal partition, in the partition's current leader epoch,
     * answered as {@code acks=all} is: once the partition's ISR has it, so that it survives the
     * leader's death. Refused unless this node leads the partition.
     */
    public static CompletableFuture<Void> appendAsCoordinator(PartitionLog log, MemoryRecords batch, Leadership leadership) {
        io.tributary.logstore.TopicPartition tp = log.topicPartition();
        if (!leadership.isLeader(tp)) {
            return CompletableFuture.failedFuture(new IllegalStateException("this node no longer leads " + tp));
        }
        AppendResult appended = log.appendAsLeader(batch.buffer(), leadership.partition(tp).leaderEpoch(), AppendOrigin.COORDINATOR);
        leadership.onLeaderAppend(tp);
        return leadership.whenCommitted(log, appended);
    }

    /**
     * Replays every record up to the log end, oldest first, skipping control batches. Reads files:
     * call it off the event loops. Everything replayed must be durable first: see {@link #awaitDurable()}.
     */
    public void replay(BiConsumer<byte[], byte[]> sink) {
        long offset = log.logStartOffset();
        long end = log.logEndOffset();
        while (offset < end) {
            ReadResult r = log.read(offset, READ_BYTES, FetchIsolation.LOG_END, true);
            if (r.isEmpty()) {
                break;
            }
            long next = offset;
            for (RecordBatch b : r.slice().records().batches()) {
                if (!b.isControlBatch()) {
                    for (Record rec : b) {
                        if (rec.offset() >= offset) {
                            sink.accept(bytes(rec.key()), rec.hasValue() ? bytes(rec.value()) : null);
                        }
                    }
                }
                next = b.nextOffset();
            }
            if (next <= offset) {
                break;
            }
            offset = next;
        }
    }

    /** Completes once everything the log holds now is durable (after an unclean stop the recovered tail may not be yet). */
    public CompletableFuture<Void> awaitDurable() {
        long end = log.logEndOffset();
        if (log.highWatermark() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.tributary.logstore.HighWatermarkListener l = (tp, hw) -> {
            if (hw >= end) {
                done.complete(null);
            }
        };
        log.addHighWatermarkListener(l);
        log.requestFlush();
        if (log.highWatermark() >= end) {
            done.complete(null);
        }
        return done.whenComplete((v, e) -> log.removeHighWatermarkListener(l));
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
