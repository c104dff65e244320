package io.tributary.bench.logstore;

import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.ReadResult;
import io.tributary.logstore.record.LogSlice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential reads as a Fetch does them: {@code PartitionLog.read} of {@code fetchBytes} from the
 * next offset, then {@code LogSlice.transferTo} a channel, which the kernel feeds straight from the
 * page cache (sendfile): {@code sink=devnull} discards without touching the pages (the read path's
 * own cost per fetch), {@code sink=socket} sends over loopback TCP to a thread that drains it (what
 * a consumer connection costs, one kernel copy into the socket and one out). Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the heap allocated per fetch, to compare with the
 * {@code fetchBytes} each fetch moves. The log (256 MiB of 64 KiB batches of 1 KiB records) is written
 * and fsynced before the measurement, so reads come from the page cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class LogReadBenchmark {
    private static final long LOG_BYTES = 256L << 20;

    @Param({"1048576"})
    int fetchBytes;

    @Param({"devnull", "socket"})
    String sink;

    private BenchLogs logs;
    private WritableByteChannel discard;
    private LoopbackDrain drain;
    private long recordsPerBatch;
    private int batchesPerFetch;
    private long next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        logs = new BenchLogs(Map.of(LogConfigDefs.RETENTION_BYTES, "-1"));
        ByteBuffer batch = BenchLogs.batch(1024, 65536);
        recordsPerBatch = batch.getInt(23) + 1L;
        batchesPerFetch = Math.max(1, fetchBytes / batch.remaining());
        fetchBytes = batchesPerFetch * batch.remaining();
        for (long written = 0; written < LOG_BYTES; written += batch.remaining()) {
            logs.log.appendAsLeader(batch, 0);
        }
        logs.log.requestFlush();
        while (logs.log.highWatermark() < logs.log.logEndOffset()) {
            Thread.onSpinWait();
        }
        if (sink.equals("socket")) {
            drain = new LoopbackDrain();
            discard = drain.sender();
        } else {
            discard = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        discard.close();
        if (drain != null) {
            drain.close();
        }
        logs.close();
    }

    /** Bytes sent, reported per second next to the operations (fetches). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;
    }

    @Benchmark
    public long readAndTransfer(Bytes counter) throws IOException {
        if (next >= logs.log.highWatermark()) {
            next = logs.log.logStartOffset();
        }
        ReadResult r = logs.log.read(next, fetchBytes, FetchIsolation.HIGH_WATERMARK, true);
        LogSlice slice = r.slice();
        long sent = 0;
        while (sent < slice.sizeInBytes()) {
            sent += slice.transferTo(discard, sent, slice.sizeInBytes() - sent);
        }
        next += recordsPerBatch * batchesPerFetch;
        counter.bytes += sent;
        return sent;
    }
}
