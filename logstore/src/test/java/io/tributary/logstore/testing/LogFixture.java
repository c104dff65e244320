package io.tributary.logstore.testing;

import io.tributary.config.BrokerConfig;
import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.topic.NewTopic;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A log manager on a temporary directory with an in-memory metadata store that survives reopening. */
public final class LogFixture implements AutoCloseable {
    public final Path logsDir;
    public final MetadataStore store = new InMemoryMetadataStore();
    public final MockTime time;
    public final BrokerConfig config;
    public LogManager manager;

    private LogFixture(Path logsDir, BrokerConfig config, MockTime time) {
        this.logsDir = logsDir;
        this.config = config;
        this.time = time;
        this.manager = open();
    }

    /** Real clock and scheduler. */
    public static LogFixture real(Path dir) {
        return new LogFixture(dir, BrokerConfig.defaults(), null);
    }

    public static LogFixture real(Path dir, BrokerConfig config) {
        return new LogFixture(dir, config, null);
    }

    /** A mock clock: background tasks run when {@code time.sleep} moves it. */
    public static LogFixture mocked(Path dir, BrokerConfig config) {
        return new LogFixture(dir, config, new MockTime());
    }

    public LogManager open() {
        LogManager.Builder b = LogManager.builder(logsDir, store).brokerConfig(config);
        if (time != null) {
            b.time(time).scheduler(new MockScheduler(time));
        }
        return b.build();
    }

    /** Creates a topic and returns its partition 0. */
    public PartitionLog createTopic(String name, int partitions, Map<String, String> configs) {
        try {
            manager.topics().createTopic(new NewTopic(name, partitions, configs)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("creating " + name + " failed", e);
        }
        return manager.getLog(name, 0);
    }

    public PartitionLog createTopic(String name) {
        return createTopic(name, 1, Map.of());
    }

    /** Closes cleanly and opens again. */
    public LogManager reopen() {
        manager.close();
        manager = open();
        return manager;
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
        }
    }
}
