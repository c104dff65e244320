package io.tributary.logstore.recovery;

import static org.awaitility.Awaitility.await;

import io.tributary.config.BrokerConfig;
import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Crash;
import io.tributary.logstore.testing.MockScheduler;
import io.tributary.logstore.testing.MockTime;
import io.tributary.logstore.topic.NewTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A durable multi-segment log and a copy of its directory to damage: taken after a clean shutdown
 * (marker present, nothing is scanned on open) or from the running log (what {@code kill -9}
 * leaves; the copy's recovery-point checkpoint is removed, so recovery scans every segment).
 */
final class DamagedLog implements AutoCloseable {
    /** A record as written. */
    record Written(long offset, long timestamp, String key, String value) {
        String line() {
            return offset + ":" + key + "=" + value;
        }
    }

    final Path root;
    final MetadataStore store = new InMemoryMetadataStore();
    final MockTime time = new MockTime();
    final List<Written> written = new ArrayList<>();
    final Path copy;
    private LogManager reopened;

    DamagedLog(int batches, long seed, boolean cleanShutdown) throws IOException {
        root = io.tributary.logstore.testing.ScratchDirs.create("logstore-damage");
        Path live = root.resolve("live");
        copy = root.resolve("copy");
        LogManager m = open(live);
        try {
            m.topics().createTopic(new NewTopic("d", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "1500", LogConfigDefs.INDEX_INTERVAL_BYTES, "200",
                    LogConfigDefs.FLUSH_MESSAGES, Long.toString(Long.MAX_VALUE))))
                    .join();
            PartitionLog log = m.getLog("d", 0);
            Random rnd = new Random(seed);
            for (int b = 0; b < batches; b++) {
                int n = 1 + rnd.nextInt(4);
                String[] kv = new String[2 * n];
                for (int i = 0; i < n; i++) {
                    kv[2 * i] = "k" + rnd.nextInt(10);
                    kv[2 * i + 1] = "v" + b + "-" + i + "-" + "x".repeat(rnd.nextInt(90));
                }
                long first = log.appendAsLeader(Batches.keyed(time.milliseconds(), kv), 0).firstOffset();
                for (int i = 0; i < n; i++) {
                    written.add(new Written(first + i, time.milliseconds(), kv[2 * i], kv[2 * i + 1]));
                }
                time.sleep(10);
            }
            log.requestFlush();
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> log.highWatermark() == log.logEndOffset());
            if (!cleanShutdown) {
                Crash.copyTree(live, copy);
                Files.deleteIfExists(copy.resolve(OffsetCheckpointFormat.RECOVERY_POINT));
            }
        } finally {
            m.close();
        }
        if (cleanShutdown) {
            Crash.copyTree(live, copy);
        }
    }

    private LogManager open(Path dir) {
        return LogManager.builder(dir, store).brokerConfig(BrokerConfig.defaults()).time(time).scheduler(new MockScheduler(time)).build();
    }

    Path partition() {
        return copy.resolve("d-0");
    }

    List<Path> segments() throws IOException {
        return Crash.segmentFiles(partition());
    }

    /** Opens the damaged copy (once). */
    PartitionLog reopen() {
        reopened = open(copy);
        return reopened.getLog("d", 0);
    }

    LogManager manager() {
        return reopened;
    }

    /** The records written below {@code end}, as {@code offset:key=value} lines. */
    List<String> linesBelow(long end) {
        return written.stream().filter(w -> w.offset() < end).map(Written::line).toList();
    }

    long logEnd() {
        return written.get(written.size() - 1).offset() + 1;
    }

    @Override
    public void close() throws IOException {
        if (reopened != null) {
            reopened.close();
        }
        FileOps.deleteRecursively(root);
    }
}
