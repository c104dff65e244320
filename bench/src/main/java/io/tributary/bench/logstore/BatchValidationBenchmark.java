package io.tributary.bench.logstore;

import io.tributary.logstore.LogConfig;
import io.tributary.logstore.record.BatchValidator;
import io.tributary.logstore.record.ValidationRules;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU part of an append alone: {@code BatchValidator.validate} (sizes, CRC-32C, the framing of
 * every record of an uncompressed batch). Compare with {@link LogAppendBenchmark} to see what the
 * write to the page cache and the bookkeeping add.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class BatchValidationBenchmark {
    @Param({"100", "1024"})
    int recordBytes;

    @Param({"65536"})
    int batchBytes;

    private ByteBuffer batch;
    private ValidationRules rules;

    @Setup(Level.Trial)
    public void build() {
        batch = BenchLogs.batch(recordBytes, batchBytes);
        rules = LogConfig.defaults().validationRules(false);
    }

    @Benchmark
    public Object validate() {
        return BatchValidator.validate(batch, rules, System.currentTimeMillis());
    }
}
