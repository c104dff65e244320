package io.tributary.server.bridge;

import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.message.LogEncoding;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.logstore.LogConfig;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.TopicDescription;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes what Kafka producers write into AMQP: every topic whose config names an exchange
 * ({@code tributary.amqp.exchange}, in {@code tributary.amqp.vhost}) gets a {@link PartitionBridge}
 * per partition. The topics are looked at every second, so a config change (through
 * IncrementalAlterConfigs or the HTTP API) takes effect within a second.
 */
public final class TopicExchangeBridges implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(TopicExchangeBridges.class);
    private static final long SCAN_MS = 1000;

    private final LogManager logs;
    private final VirtualHosts vhosts;
    private final LogEncoding encoding;
    private final BridgeCursors cursors;
    private final ScheduledExecutorService thread;
    private final Map<TopicPartition, PartitionBridge> running = new HashMap<>();

    public TopicExchangeBridges(LogManager logs, VirtualHosts vhosts, LogEncoding encoding, MetadataStore metadata) {
        this.logs = logs;
        this.vhosts = vhosts;
        this.encoding = encoding;
        this.cursors = new BridgeCursors(metadata);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "topic-bridge");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::scan, 0, SCAN_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts, restarts and stops partition bridges to match the topics' configs (bridge thread). */
    private void scan() {
        try {
            Set<TopicPartition> wanted = new HashSet<>();
            for (TopicDescription t : logs.topics().topics()) {
                Optional<PartitionBridge.Target> target = targetOf(t.config());
                if (target.isEmpty()) {
                    continue;
                }
                for (TopicPartition tp : t.topicPartitions()) {
                    wanted.add(tp);
                    PartitionBridge current = running.get(tp);
                    if (current != null && current.target().equals(target.get())) {
                        continue;
                    }
                    Optional<PartitionLog> log = logs.log(tp);
                    if (log.isEmpty()) {
                        continue;
                    }
                    if (current != null) {
                        current.stop();
                    }
                    PartitionBridge b = new PartitionBridge(tp, log.get(), target.get(), vhosts, encoding, cursors, thread);
                    running.put(tp, b);
                    b.start();
                    LOGGER.info("Records of {} are routed through exchange '{}' in vhost '{}'", tp, target.get().exchange(),
                            target.get().vhost());
                }
            }
            for (TopicPartition tp : new HashSet<>(running.keySet())) {
                if (!wanted.contains(tp)) {
                    running.remove(tp).stop();
                    if (logs.topics().topic(tp.topic()).isEmpty()) {
                        cursors.delete(tp);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Scanning topics for exchange bridges failed", e);
        }
    }

    private static Optional<PartitionBridge.Target> targetOf(LogConfig c) {
        String exchange = c.text(LogConfigDefs.AMQP_EXCHANGE);
        if (exchange.isEmpty()) {
            return Optional.empty();
        }
        String vhost = c.text(LogConfigDefs.AMQP_VHOST);
        return Optional.of(new PartitionBridge.Target(vhost.isEmpty() ? "/" : vhost, exchange, c.text(LogConfigDefs.AMQP_ROUTING_KEY_HEADER)));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        running.values().forEach(PartitionBridge::stop);
    }
}
