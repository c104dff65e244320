package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.CoordinatorLog;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.RawRecord;
import io.tributary.kafka.handler.InternalTopicLog;
import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import io.tributary.logstore.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * One partition of {@code __consumer_offsets}: records go in as one uncompressed v2 batch per
 * write (appended as the coordinator, answered by the log's durability future), and come back at
 * load by reading the log from its start to its high watermark. Transactional batches and their
 * markers are replayed as such, for TxnOffsetCommit (which {@link InternalTopicLog}'s replay, made
 * for single-record state topics, skips).
 */
final class PartitionCoordinatorLog implements CoordinatorLog {
    private static final int READ_BYTES = 1 << 20;

    private final LogManager logs;
    private final TopicPartition tp;
    private final Leadership leadership;

    PartitionCoordinatorLog(LogManager logs, TopicPartition tp, Leadership leadership) {
        this.logs = logs;
        this.tp = tp;
        this.leadership = leadership;
    }

    @Override
    public int partition() {
        return tp.partition();
    }

    private PartitionLog log() {
        return logs.log(tp).orElseThrow(() -> GroupError.NOT_COORDINATOR.exception(tp + " does not exist"));
    }

    @Override
    public CompletableFuture<Void> append(List<RawRecord> records) {
        return appendBatch(MemoryRecords.withRecords(Compression.NONE, simple(records)));
    }

    @Override
    public CompletableFuture<Void> appendTransactional(List<RawRecord> records, long producerId, short producerEpoch) {
        // Sequences of the coordinator's own writes are not checked (appended as the coordinator).
        return appendBatch(MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, producerEpoch, 0, simple(records)));
    }

    private CompletableFuture<Void> appendBatch(MemoryRecords batch) {
        // as acks=all: a commit is answered once the partition's ISR has it, so it survives the leader's death
        return InternalTopicLog.appendAsCoordinator(log(), batch, leadership);
    }

    private static SimpleRecord[] simple(List<RawRecord> records) {
        long now = System.currentTimeMillis();
        SimpleRecord[] simple = new SimpleRecord[records.size()];
        for (int i = 0; i < simple.length; i++) {
            RawRecord r = records.get(i);
            simple[i] = new SimpleRecord(now, r.key(), r.value());
        }
        return simple;
    }

    @Override
    public CompletableFuture<Void> awaitDurable() {
        return new InternalTopicLog(log()).awaitDurable();
    }

    @Override
    public void replay(ReplaySink sink) {
        PartitionLog log = log();
        long offset = log.logStartOffset();
        while (offset < log.highWatermark()) {
            ReadResult read = log.read(offset, READ_BYTES, FetchIsolation.HIGH_WATERMARK, true);
            if (read.isEmpty()) {
                break;
            }
            ByteBuffer buf = ByteBuffer.allocate(read.slice().sizeInBytes());
            try {
                read.slice().readInto(buf);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + tp + " at offset " + offset, e);
            }
            buf.flip();
            long next = offset;
            for (MutableRecordBatch batch : MemoryRecords.readableRecords(buf).batches()) {
                if (batch.lastOffset() >= offset) {
                    replayBatch(batch, offset, sink);
                }
                next = batch.nextOffset();
            }
            if (next <= offset) {
                throw new IllegalStateException("no progress reading " + tp + " at offset " + offset);
            }
            offset = next;
        }
    }

    private static void replayBatch(MutableRecordBatch batch, long from, ReplaySink sink) {
        if (batch.isControlBatch()) {
            for (Record r : batch) {
                ControlRecordType type = ControlRecordType.parse(r.key());
                if (type == ControlRecordType.COMMIT || type == ControlRecordType.ABORT) {
                    sink.endTransaction(batch.producerId(), type == ControlRecordType.COMMIT);
                }
            }
            return;
        }
        long producerId = batch.isTransactional() ? batch.producerId() : -1;
        for (Record r : batch) {
            if (r.offset() < from || !r.hasKey()) {
                continue;
            }
            sink.record(new RawRecord(bytes(r.key()), r.hasValue() ? bytes(r.value()) : null), producerId);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
