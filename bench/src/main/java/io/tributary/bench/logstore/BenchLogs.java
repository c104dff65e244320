package io.tributary.bench.logstore;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.topic.NewTopic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * A log manager with one partition on a fresh directory under {@code java.io.tmpdir} (the disk the
 * README's {@code dd}/{@code fio} numbers are taken on), with retention keeping the disk bounded,
 * and record batches built the way a Kafka producer builds them.
 */
final class BenchLogs implements AutoCloseable {
    final Path dir;
    final LogManager manager;
    final PartitionLog log;

    BenchLogs(Map<String, String> topicConfig) throws Exception {
        this(topicConfig, LogSettings.WRITE_BUFFER_BYTES.defaultValue());
    }

    /** @param writeBufferBytes the broker's {@code log.write.buffer.bytes} (0: one write per append) */
    BenchLogs(Map<String, String> topicConfig, int writeBufferBytes) throws Exception {
        this(topicConfig, writeBufferBytes, LogSettings.WRITER_THREADS.defaultValue());
    }

    /** @param writerThreads the broker's {@code log.writer.threads} (0: the appending thread writes full buffers) */
    BenchLogs(Map<String, String> topicConfig, int writeBufferBytes, int writerThreads) throws Exception {
        dir = Files.createTempDirectory("tributary-jmh");
        BrokerConfig cfg = BrokerConfig.builder().set(LogSettings.RETENTION_CHECK_INTERVAL_MS, 1_000L)
                .set(LogSettings.SEGMENT_DELETE_DELAY_MS, 0L).set(LogSettings.WRITE_BUFFER_BYTES, writeBufferBytes)
                .set(LogSettings.WRITER_THREADS, writerThreads).build();
        manager = LogManager.open(dir, cfg, new InMemoryMetadataStore());
        Map<String, String> configs = new java.util.HashMap<>(Map.of(LogConfigDefs.SEGMENT_BYTES, Integer.toString(256 << 20),
                LogConfigDefs.RETENTION_BYTES, Long.toString(2L << 30)));
        configs.putAll(topicConfig);
        manager.topics().createTopic(new NewTopic("bench", 1, configs)).get(30, TimeUnit.SECONDS);
        log = manager.getLog("bench", 0);
    }

    /** One uncompressed v2 batch of about {@code batchBytes} holding records of {@code recordBytes} values, no keys. */
    static ByteBuffer batch(int recordBytes, int batchBytes) {
        int overhead = 8; // per-record framing for small values: length, attributes, deltas, key, value length, headers
        int count = Math.max(1, (batchBytes - 61) / (recordBytes + overhead));
        Random rnd = new Random(42);
        SimpleRecord[] records = new SimpleRecord[count];
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[recordBytes];
            rnd.nextBytes(value);
            records[i] = new SimpleRecord(now, null, value);
        }
        ByteBuffer built = MemoryRecords.withRecords(Compression.NONE, records).buffer();
        ByteBuffer out = ByteBuffer.allocateDirect(built.remaining());
        out.put(built.duplicate()).flip();
        return out;
    }

    @Override
    public void close() throws IOException {
        manager.close();
        FileOps.deleteRecursively(dir);
    }
}
