package io.tributary.logstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.logstore.record.LogSlice;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Batches.Rec;
import io.tributary.logstore.testing.LogFixture;
import static io.tributary.logstore.testing.LogReads.readAll;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends and reads through the facade as the Kafka layer uses it. */
class PartitionLogTest {
    private static final long TS = System.currentTimeMillis();

    @TempDir
    Path dir;
    LogFixture fx;

    @BeforeEach
    void open() {
        fx = LogFixture.real(dir);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void appendsAssignConsecutiveOffsetsAndBecomeDurableAndVisible() throws Exception {
        PartitionLog log = fx.createTopic("orders");
        AppendResult a = log.appendAsLeader(Batches.values(TS, "a", "b", "c"), 5);
        AppendResult b = log.appendAsLeader(Batches.values(TS, "d"), 5);
        assertThat(a.firstOffset()).isZero();
        assertThat(a.lastOffset()).isEqualTo(2);
        assertThat(b.firstOffset()).isEqualTo(3);
        assertThat(b.lastOffset()).isEqualTo(3);
        assertThat(a.logAppendTime()).isEqualTo(-1);
        b.durable().get(10, TimeUnit.SECONDS);
        assertThat(a.durable()).isCompleted();
        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(log.recoveryPoint()).isEqualTo(4);
        assertThat(log.highWatermark()).isEqualTo(4);

        List<Rec> recs = readAll(log, 0, FetchIsolation.HIGH_WATERMARK);
        assertThat(recs).extracting(Rec::value).containsExactly("a", "b", "c", "d");
        assertThat(recs).extracting(Rec::offset).containsExactly(0L, 1L, 2L, 3L);
        ReadResult r = log.read(0, 1 << 20, FetchIsolation.HIGH_WATERMARK, false);
        assertThat(Batches.batches(r.slice().records())).extracting(RecordBatch::partitionLeaderEpoch).containsOnly(5);
        assertThat(r.highWatermark()).isEqualTo(4);
        assertThat(r.logEndOffset()).isEqualTo(4);
        assertThat(r.lastStableOffset()).isEqualTo(4);
    }

    @Test
    void readFromTheMiddleOfABatchReturnsTheWholeBatch() {
        PartitionLog log = fx.createTopic("t");
        log.appendAsLeader(Batches.values(TS, "a", "b", "c"), 0);
        log.appendAsLeader(Batches.values(TS, "d", "e"), 0).durable().join();
        ReadResult r = log.read(4, 1 << 20, FetchIsolation.HIGH_WATERMARK, true);
        assertThat(Batches.decode(r.slice().records())).extracting(Rec::value).containsExactly("d", "e");
        ReadResult mid = log.read(1, 1 << 20, FetchIsolation.HIGH_WATERMARK, true);
        assertThat(Batches.decode(mid.slice().records())).extracting(Rec::value).startsWith("a", "b", "c");
    }

    @Test
    void maxBytesCutsTheSliceAndMinOneBatchReturnsAWholeFirstBatch() {
        PartitionLog log = fx.createTopic("t");
        ByteBuffer big = Batches.sized(10, 100, TS);
        int batchSize = big.remaining();
        log.appendAsLeader(big, 0);
        log.appendAsLeader(Batches.sized(10, 100, TS), 0).durable().join();

        ReadResult cut = log.read(0, 10, FetchIsolation.HIGH_WATERMARK, false);
        assertThat(cut.slice().sizeInBytes()).isEqualTo(10);
        assertThat(cut.firstBatchIncomplete()).isTrue();
        assertThat(Batches.batches(cut.slice().records())).isEmpty();

        ReadResult one = log.read(0, 10, FetchIsolation.HIGH_WATERMARK, true);
        assertThat(one.slice().sizeInBytes()).isEqualTo(batchSize);
        assertThat(Batches.batches(one.slice().records())).hasSize(1);

        ReadResult both = log.read(0, 1 << 20, FetchIsolation.HIGH_WATERMARK, true);
        assertThat(both.slice().sizeInBytes()).isEqualTo(2 * batchSize);
    }

    @Test
    void readsAtTheBoundAreEmptyAndOutsideTheLogAreOutOfRange() {
        PartitionLog log = fx.createTopic("t");
        log.appendAsLeader(Batches.values(TS, "a"), 0).durable().join();
        assertThat(log.read(1, 100, FetchIsolation.HIGH_WATERMARK, true).isEmpty()).isTrue();
        assertThatThrownBy(() -> log.read(2, 100, FetchIsolation.HIGH_WATERMARK, true))
                .isInstanceOfSatisfying(OffsetOutOfRangeException.class, e -> {
                    assertThat(e.logStartOffset()).isZero();
                    assertThat(e.upperBound()).isEqualTo(1);
                });
    }

    @Test
    void flushMsFlushesEveryAppendOfTheIntervalThoughOnlyTheFirstWokeTheFlusher() throws Exception {
        try (LogFixture mocked = LogFixture.mocked(dir.resolve("mocked"), io.tributary.config.BrokerConfig.defaults())) {
            PartitionLog log = mocked.createTopic("t", 1, Map.of(LogConfigDefs.FLUSH_MESSAGES, "1000", LogConfigDefs.FLUSH_MS, "5000"));
            AppendResult a = log.appendAsLeader(Batches.values(mocked.time.milliseconds(), "a"), 0);
            AppendResult b = log.appendAsLeader(Batches.values(mocked.time.milliseconds(), "b"), 0);
            AppendResult c = log.appendAsLeader(Batches.values(mocked.time.milliseconds(), "c"), 0);
            mocked.time.sleep(4000);
            assertThat(c.durable()).isNotDone();
            mocked.time.sleep(1000);
            c.durable().get(10, TimeUnit.SECONDS);
            assertThat(a.durable()).isDone();
            assertThat(b.durable()).isDone();
            AppendResult d = log.appendAsLeader(Batches.values(mocked.time.milliseconds(), "d"), 0); // the first unflushed append again
            mocked.time.sleep(5000);
            d.durable().get(10, TimeUnit.SECONDS);
            assertThat(log.highWatermark()).isEqualTo(4);
        }
    }

    @Test
    void theHighWatermarkFollowsDurabilityUnderARelaxedFlushPolicy() throws Exception {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.FLUSH_MESSAGES, "1000"));
        List<Long> advances = new ArrayList<>();
        log.addHighWatermarkListener((tp, hw) -> {
            synchronized (advances) {
                advances.add(hw);
            }
        });
        AppendResult a = log.appendAsLeader(Batches.values(TS, "a", "b"), 0);
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(log.highWatermark()).isZero();
        assertThat(a.durable()).isNotDone();
        assertThat(log.read(0, 1000, FetchIsolation.HIGH_WATERMARK, true).isEmpty()).isTrue();
        assertThat(log.read(0, 1000, FetchIsolation.LOG_END, true).isEmpty()).isFalse();

        log.requestFlush();
        a.durable().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.highWatermark() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (advances) {
                return advances.contains(2L);
            }
        });
    }

    @Test
    void segmentsRollBySizeAndReadsCrossThem() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "1000", LogConfigDefs.INDEX_INTERVAL_BYTES, "300"));
        for (int i = 0; i < 50; i++) {
            log.appendAsLeader(Batches.values(TS, "v" + i, "w" + i), 0);
        }
        log.appendAsLeader(Batches.values(TS, "last"), 0).durable().join();
        assertThat(log.numberOfSegments()).isGreaterThan(3);
        List<Rec> all = readAll(log, 0, FetchIsolation.HIGH_WATERMARK);
        assertThat(all).hasSize(101);
        assertThat(all).extracting(Rec::offset).isSorted().doesNotHaveDuplicates();
        for (long o : new long[] {0, 1, 37, 64, 99, 100}) {
            ReadResult r = log.read(o, 1, FetchIsolation.HIGH_WATERMARK, true);
            List<Rec> recs = Batches.decode(r.slice().records());
            assertThat(recs).extracting(Rec::offset).contains(o);
        }
    }

    @Test
    void logAppendTimeTopicsStampTheBrokerTime() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"));
        long before = System.currentTimeMillis();
        AppendResult a = log.appendAsLeader(Batches.values(1234L, "a", "b"), 0);
        a.durable().join();
        assertThat(a.logAppendTime()).isBetween(before, System.currentTimeMillis());
        RecordBatch batch = Batches.batches(log.read(0, 1 << 20, FetchIsolation.HIGH_WATERMARK, true).slice().records()).get(0);
        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.maxTimestamp()).isEqualTo(a.logAppendTime());
        assertThat(batch.isValid()).isTrue();
    }

    @Test
    void timestampLookupsFindTheFirstRecordAtOrAfter() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "500", LogConfigDefs.INDEX_INTERVAL_BYTES, "1"));
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(Batches.values(TS + i * 10, "v" + i), 0);
        }
        log.appendAsLeader(Batches.values(TS + 5, "late"), 0).durable().join();
        assertThat(log.fetchOffsetByTimestamp(TS + 45, FetchIsolation.HIGH_WATERMARK)).hasValueSatisfying(t -> {
            assertThat(t.offset()).isEqualTo(5);
            assertThat(t.timestamp()).isEqualTo(TS + 50);
        });
        assertThat(log.fetchOffsetByTimestamp(TS + 1000, FetchIsolation.HIGH_WATERMARK)).isEmpty();
        assertThat(log.fetchOffsetByTimestamp(TimestampAndOffset.EARLIEST_TIMESTAMP, FetchIsolation.HIGH_WATERMARK))
                .hasValueSatisfying(t -> assertThat(t.offset()).isZero());
        assertThat(log.fetchOffsetByTimestamp(TimestampAndOffset.LATEST_TIMESTAMP, FetchIsolation.HIGH_WATERMARK))
                .hasValueSatisfying(t -> assertThat(t.offset()).isEqualTo(21));
        assertThat(log.fetchOffsetByTimestamp(TimestampAndOffset.MAX_TIMESTAMP, FetchIsolation.HIGH_WATERMARK))
                .hasValueSatisfying(t -> {
                    assertThat(t.offset()).isEqualTo(19);
                    assertThat(t.timestamp()).isEqualTo(TS + 190);
                    assertThat(t.leaderEpoch()).hasValue(0);
                });
    }

    @Test
    void deleteRecordsMovesTheLogStartOffsetAndDropsWholeSegments() throws Exception {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "400", LogConfigDefs.FILE_DELETE_DELAY_MS, "0"));
        for (int i = 0; i < 30; i++) {
            log.appendAsLeader(Batches.values(TS, "v" + i), 0);
        }
        log.appendAsLeader(Batches.values(TS, "end"), 0).durable().join();
        int before = log.numberOfSegments();
        assertThat(log.deleteRecordsBefore(17).get(10, TimeUnit.SECONDS)).isEqualTo(17);
        assertThat(log.logStartOffset()).isEqualTo(17);
        assertThatThrownBy(() -> log.read(3, 100, FetchIsolation.HIGH_WATERMARK, true)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(Batches.decode(log.read(17, 1 << 20, FetchIsolation.HIGH_WATERMARK, true).slice().records()))
                .extracting(Rec::offset).first().isEqualTo(17L);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.numberOfSegments() < before);
        assertThatThrownBy(() -> log.deleteRecordsBefore(1000)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(log.deleteRecordsBefore(-1).get(10, TimeUnit.SECONDS)).isEqualTo(31);

        fx.reopen();
        assertThat(fx.manager.getLog("t", 0).logStartOffset()).isEqualTo(31);
    }

    @Test
    void idempotentRetriesGetTheOriginalOffsets() {
        PartitionLog log = fx.createTopic("t");
        log.appendAsLeader(Batches.values(TS, "noise"), 0);
        AppendResult first = log.appendAsLeader(Batches.idempotent(42, (short) 0, 0, TS, "a", "b"), 0);
        AppendResult second = log.appendAsLeader(Batches.idempotent(42, (short) 0, 2, TS, "c"), 0);
        AppendResult retry = log.appendAsLeader(Batches.idempotent(42, (short) 0, 0, TS, "a", "b"), 0);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(first.firstOffset());
        assertThat(retry.lastOffset()).isEqualTo(first.lastOffset());
        retry.durable().join();
        assertThat(log.logEndOffset()).isEqualTo(second.lastOffset() + 1);
        assertThat(log.activeProducers()).singleElement().satisfies(p -> {
            assertThat(p.producerId()).isEqualTo(42);
            assertThat(p.lastSequence()).isEqualTo(2);
        });
    }

    @Test
    void sequenceGapsAndFencedEpochsAreRejectedWithoutWriting() {
        PartitionLog log = fx.createTopic("t");
        log.appendAsLeader(Batches.idempotent(7, (short) 3, 0, TS, "a"), 0);
        long end = log.logEndOffset();
        assertThatThrownBy(() -> log.appendAsLeader(Batches.idempotent(7, (short) 3, 5, TS, "gap"), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.idempotent(7, (short) 2, 1, TS, "old"), 0))
                .isInstanceOf(InvalidProducerEpochException.class);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.idempotent(7, (short) 4, 3, TS, "new epoch, not 0"), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.logEndOffset()).isEqualTo(end);
        assertThat(log.appendAsLeader(Batches.idempotent(7, (short) 4, 0, TS, "bumped"), 0).duplicate()).isFalse();
        assertThat(log.appendAsLeader(Batches.idempotent(7, (short) 4, 1, TS, "next"), 0).firstOffset()).isEqualTo(end + 1);
    }

    @Test
    void aProducerUnknownToAnUntrimmedLogMustStartAtSequenceZero() throws Exception {
        PartitionLog log = fx.createTopic("t");
        log.appendAsLeader(Batches.values(TS, "plain"), 0);
        long end = log.logEndOffset();
        // its batch 0 was refused (say, before this node led); the pipelined batch 1 must not overtake it
        assertThatThrownBy(() -> log.appendAsLeader(Batches.idempotent(9, (short) 0, 3, TS, "d"), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.logEndOffset()).isEqualTo(end);
        assertThat(log.appendAsLeader(Batches.idempotent(9, (short) 0, 0, TS, "a", "b", "c"), 0).firstOffset()).isEqualTo(end);
        assertThat(log.appendAsLeader(Batches.idempotent(9, (short) 0, 3, TS, "d"), 0).firstOffset()).isEqualTo(end + 3);

        // once the head of the log was removed, a producer may be unknown because its batches went with it
        log.appendAsLeader(Batches.values(TS, "last"), 0).durable().join();
        log.deleteRecordsBefore(log.logEndOffset() - 1).get(10, TimeUnit.SECONDS);
        assertThat(log.appendAsLeader(Batches.idempotent(10, (short) 0, 57, TS, "after retention"), 0).duplicate()).isFalse();
    }

    @Test
    void malformedBatchesAreRejectedWithTypedErrorsLeavingTheLogUntouched() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.MAX_MESSAGE_BYTES, "500"));
        ByteBuffer corrupt = Batches.values(TS, "a", "b");
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));
        assertThatThrownBy(() -> log.appendAsLeader(corrupt, 0)).isInstanceOf(CorruptRecordException.class);
        ByteBuffer magic1 = Batches.values(TS, "a");
        magic1.put(16, (byte) 1);
        assertThatThrownBy(() -> log.appendAsLeader(magic1, 0)).isInstanceOf(InvalidRecordException.class);
        ByteBuffer truncated = Batches.values(TS, "a", "b");
        truncated.limit(truncated.limit() - 3);
        assertThatThrownBy(() -> log.appendAsLeader(truncated, 0)).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.sized(5, 200, TS), 0)).isInstanceOf(RecordTooLargeException.class);
        assertThatThrownBy(() -> log.appendAsLeader(ByteBuffer.allocate(0), 0)).isInstanceOf(InvalidRecordException.class);
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.sizeInBytes()).isZero();
    }

    @Test
    void aReopenedLogServesTheSameRecordsWithoutScanning() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "1000"));
        for (int i = 0; i < 40; i++) {
            log.appendAsLeader(Batches.values(TS, "v" + i), 2);
        }
        log.appendAsLeader(Batches.idempotent(9, (short) 0, 0, TS, "p"), 2).durable().join();
        fx.reopen();
        assertThat(fx.manager.hadCleanShutdown()).isTrue();
        PartitionLog again = fx.manager.getLog("t", 0);
        assertThat(again.logEndOffset()).isEqualTo(41);
        assertThat(again.highWatermark()).isEqualTo(41);
        assertThat(readAll(again, 0, FetchIsolation.HIGH_WATERMARK)).hasSize(41);
        assertThat(again.latestEpoch()).hasValue(2);
        assertThat(again.appendAsLeader(Batches.idempotent(9, (short) 0, 0, TS, "p"), 2).duplicate()).isTrue();
        assertThat(again.appendAsLeader(Batches.values(TS, "more"), 2).firstOffset()).isEqualTo(41);
    }

    @Test
    void aLogSliceIsAZeroCopyTripleOverTheSegmentFile() throws Exception {
        PartitionLog log = fx.createTopic("t");
        ByteBuffer batch = Batches.values(TS, "hello");
        int size = batch.remaining();
        log.appendAsLeader(batch, 0).durable().join();
        LogSlice slice = log.read(0, 1 << 20, FetchIsolation.HIGH_WATERMARK, true).slice();
        assertThat(slice.channel().isOpen()).isTrue();
        assertThat(slice.position()).isZero();
        assertThat(slice.sizeInBytes()).isEqualTo(size);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long sent = slice.transferTo(java.nio.channels.Channels.newChannel(out), 0, size);
        assertThat(sent).isEqualTo(size);
        assertThat(ByteBuffer.wrap(out.toByteArray()).getLong(0)).isZero();
    }
}
