package io.tributary.logstore.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.logstore.LogConfig;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * The validator against batches kafka-clients builds: records with and without keys, large keys
 * and values, timestamp deltas of every varint length; and the same batches cut short.
 */
class BatchValidatorTest {
    private static final long BASE_TS = 1_700_000_000_000L;

    record Rec(int keyBytes, int valueBytes, long timestampDelta) {
    }

    @Provide
    Arbitrary<List<Rec>> records() {
        Arbitrary<Integer> keys = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(-1)),
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(8_000, 40_000)));
        Arbitrary<Integer> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 3_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(100_000, 300_000)));
        Arbitrary<Long> deltas = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(-100_000, 100_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-(1L << 40), 1L << 40)));
        return Combinators.combine(keys, values, deltas).as(Rec::new).list().ofMinSize(1).ofMaxSize(60)
                .filter(l -> l.stream().mapToLong(r -> Math.max(0, r.keyBytes()) + r.valueBytes()).sum() < 900_000); // max.message.bytes
    }

    @Property(tries = 200)
    void acceptsWhatKafkaClientsBuild(@ForAll("records") List<Rec> recs) {
        ByteBuffer batch = build(recs);
        long newest = Long.MIN_VALUE;
        for (Record rec : MemoryRecords.readableRecords(batch.duplicate()).records()) {
            newest = Math.max(newest, rec.timestamp());
        }
        ValidatedBatches h = BatchValidator.validate(batch.duplicate(), LogConfig.defaults().validationRules(false), newest);
        assertThat(h.recordCount()).isEqualTo(recs.size());
        assertThat(h.sizeInBytes()).isEqualTo(batch.remaining());
    }

    @Property(tries = 100)
    void aCutRecordIsCorruptNotAnyOtherFailure(@ForAll("records") List<Rec> recs, @ForAll("cuts") int cut) {
        ByteBuffer batch = build(recs);
        int records = batch.remaining() - RecordBatchFormat.HEADER_SIZE;
        // the batch claims its records end earlier: its size field shrinks, its CRC is recomputed
        int newSize = RecordBatchFormat.HEADER_SIZE + Math.floorMod(cut, records);
        ByteBuffer cutBatch = ByteBuffer.allocate(newSize);
        cutBatch.put(batch.duplicate().limit(newSize)).flip();
        cutBatch.putInt(8, newSize - 12);
        cutBatch.putInt(RecordBatchFormat.CRC_OFFSET, (int) RecordBatchFormat.computeCrc(cutBatch, 0, newSize));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> BatchValidator.validate(cutBatch.duplicate(), LogConfig.defaults().validationRules(false), Long.MAX_VALUE / 2))
                .isInstanceOfAny(io.tributary.logstore.CorruptRecordException.class, io.tributary.logstore.InvalidRecordException.class);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    private static ByteBuffer build(List<Rec> recs) {
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(1 << 16), RecordBatch.CURRENT_MAGIC_VALUE,
                Compression.NONE, TimestampType.CREATE_TIME, 0L);
        long first = BASE_TS + recs.get(0).timestampDelta();
        for (Rec rec : recs) {
            // the batch's base timestamp is its first record's; deltas are taken from it
            b.append(first + rec.timestampDelta() - recs.get(0).timestampDelta(),
                    rec.keyBytes() < 0 ? null : new byte[rec.keyBytes()], new byte[rec.valueBytes()]);
        }
        return b.build().buffer();
    }
}
