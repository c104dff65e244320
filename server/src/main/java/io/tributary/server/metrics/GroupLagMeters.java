package io.tributary.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupListing;
import io.tributary.kafka.group.offsets.OffsetFetchParams;
import io.tributary.kafka.group.offsets.OffsetFetchResult;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tributary_kafka_consumer_group_lag{group,topic,partition}}: each committed offset's lag
 * behind its partition's high watermark, as {@code /api/consumer-groups/{group}} shows it (and
 * kafka-consumer-groups.sh {@code LAG}). The group coordinator is asked every sample interval on
 * this class's own thread, with a bounded wait; a partition's gauge goes when its group or commit
 * does.
 */
public final class GroupLagMeters implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(GroupLagMeters.class);
    private static final long WAIT_MS = 5_000;

    private record Key(String group, TopicPartition partition) {
    }

    private record Lag(AtomicLong value, Meter meter) {
    }

    private final Supplier<GroupCoordinator> groups;
    private final LogManager logs;
    private final MeterRegistry registry;
    private final Map<Key, Lag> lags = new HashMap<>();
    private final ScheduledExecutorService sampler;

    public GroupLagMeters(Supplier<GroupCoordinator> groups, LogManager logs, MeterRegistry registry, long intervalMs) {
        this.groups = groups;
        this.logs = logs;
        this.registry = registry;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "group-lag-meters");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sampleSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (Exception e) {
            LOGGER.debug("Sampling consumer group lag failed", e);
        }
    }

    private void sample() throws Exception {
        GroupCoordinator coordinator = groups.get();
        if (coordinator == null || !coordinator.isAvailable()) {
            return;
        }
        Set<Key> seen = new HashSet<>();
        List<GroupListing> listed = coordinator.listGroups().get(WAIT_MS, TimeUnit.MILLISECONDS);
        for (GroupListing g : listed) {
            OffsetFetchResult offsets = coordinator.fetchOffsets(new OffsetFetchParams(g.groupId(), null, -1, null, false))
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            for (OffsetFetchResult.PartitionOffset p : offsets.partitions()) {
                Optional<PartitionLog> log = logs.log(p.partition());
                if (p.offset() < 0 || log.isEmpty()) {
                    continue;
                }
                Key key = new Key(g.groupId(), p.partition());
                seen.add(key);
                lags.computeIfAbsent(key, this::register).value().set(Math.max(0, log.get().highWatermark() - p.offset()));
            }
        }
        lags.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue().meter());
            return true;
        });
    }

    private Lag register(Key key) {
        AtomicLong value = new AtomicLong();
        Meter meter = Gauge.builder("tributary.kafka.consumer.group.lag", value, AtomicLong::get)
                .tags("group", key.group(), "topic", key.partition().topic(), "partition", Integer.toString(key.partition().partition()))
                .description("Records between the group's committed offset and the partition's high watermark").register(registry);
        return new Lag(value, meter);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
