package io.tributary.bench.logstore;

import io.tributary.logstore.AppendResult;
import io.tributary.logstore.LogConfigDefs;
import java.nio.ByteBuffer;
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
 * {@code PartitionLog.appendAsLeader} of one ready batch per operation: validation (CRC-32C, record
 * framing), offset assignment in place, the positional write to the page cache, index entries. A
 * flusher thread fsyncs meanwhile by the default policy (group commit after every append), as in
 * the broker. {@code append} returns at once; {@code appendAndAwaitDurable} waits for the fsync that
 * covers it (run it with {@code -t N} to see group commit share fsyncs between N appenders).
 *
 * <p>JMH reports operations (batches) per second and, as the secondary result {@code bytes}, the
 * bytes appended per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class LogAppendBenchmark {
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

    /**
     * The topic's {@code flush.messages}: 1 (the default) fsyncs after every append, shared by the
     * appends that arrive meanwhile (group commit); a huge value leaves the bytes to the kernel's
     * writeback, to see what the fsyncs cost the appender.
     */
    @Param({"1"})
    String flushMessages;

    private BenchLogs logs;
    private ByteBuffer batch;

    @Setup(Level.Trial)
    public void open() throws Exception {
        logs = new BenchLogs(Map.of(LogConfigDefs.FLUSH_MESSAGES, flushMessages), writeBufferBytes, writerThreads);
        batch = BenchLogs.batch(recordBytes, batchBytes);
        System.out.println("batch size " + batch.remaining() + " bytes");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        logs.close();
    }

    /** Bytes appended, reported per second next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;
    }

    @Benchmark
    public long append(Bytes counter) {
        // the log rewrites the base offset in place; the same bytes are appended again and again
        long last = logs.log.appendAsLeader(batch, 0).lastOffset();
        counter.bytes += batch.remaining();
        return last;
    }

    @Benchmark
    public long appendAndAwaitDurable(Bytes counter) {
        AppendResult r = logs.log.appendAsLeader(batch, 0);
        r.durable().join();
        counter.bytes += batch.remaining();
        return r.lastOffset();
    }
}
