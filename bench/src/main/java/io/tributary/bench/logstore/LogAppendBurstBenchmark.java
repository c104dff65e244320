package io.tributary.bench.logstore;

import io.tributary.logstore.LogConfigDefs;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The same appends as {@link LogAppendBenchmark}, measured the way {@code dd bs=64K count=32768}
 * is: the time to append {@link #BURST_BYTES} (2 GiB) to a fresh log, into the page cache, with no
 * fsync asked for ({@code flush.messages} unbounded, one segment). Below the kernel's dirty limits
 * this is memory bandwidth, as the raw {@code dd}/{@code fio --size=2g} figures are; the sustained
 * benchmark runs into the disk's writeback instead.
 *
 * <p>Each iteration is one shot: {@code 2 GiB / batch size} appends on a new log, in a loop (each
 * append moves tens of kilobytes, so the loop's own cost does not show). The score is the time for
 * the whole burst: MB/s = 2147.48 / seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class LogAppendBurstBenchmark {
    static final long BURST_BYTES = 2L << 30;

    @Param({"100", "1024"})
    int recordBytes;

    @Param({"16384", "65536"})
    int batchBytes;

    /** The broker's {@code log.write.buffer.bytes}: 262144 is the default, 65536 was until issue 3's writer threads. */
    @Param({"65536", "262144"})
    int writeBufferBytes;

    /** The broker's {@code log.writer.threads}: 0 has the appending thread write full buffers; 1 is the default. */
    @Param({"0", "1"})
    int writerThreads;

    private ByteBuffer batch;
    private BenchLogs logs;
    private long appends;

    @Setup(Level.Trial)
    public void build() {
        batch = BenchLogs.batch(recordBytes, batchBytes);
        appends = BURST_BYTES / batch.remaining();
    }

    @Setup(Level.Iteration)
    public void open() throws Exception {
        logs = new BenchLogs(Map.of(LogConfigDefs.FLUSH_MESSAGES, Long.toString(Long.MAX_VALUE), LogConfigDefs.SEGMENT_BYTES,
                Integer.toString(Integer.MAX_VALUE), LogConfigDefs.RETENTION_BYTES, "-1"), writeBufferBytes, writerThreads);
    }

    @TearDown(Level.Iteration)
    public void close() throws Exception {
        logs.close();
    }

    @Benchmark
    public long burst() {
        long last = -1;
        for (long i = 0; i < appends; i++) {
            last = logs.log.appendAsLeader(batch, 0).lastOffset();
        }
        return last;
    }
}
