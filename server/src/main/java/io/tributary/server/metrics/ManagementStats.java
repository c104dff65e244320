package io.tributary.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.amqp.AmqpConnectionInfo;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.kafka.KafkaTraffic;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.queues.Queue;
import io.tributary.queues.QueueCounters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples message rates and depths every {@code management.sample.interval.ms} into small rings
 * ({@link SampleRing}): broker-wide (what {@code /api/overview} shows), per queue and per topic.
 * The broker-wide totals are monotonic counters fed by the deltas of each connection's and each
 * queue's own counters, so they do not fall when a connection closes or a queue goes. They, the
 * per-queue depths and the per-topic records are Micrometer meters too ({@link StatsMeters}), so
 * {@code /metrics} has the same figures.
 * One sampler thread writes; anyone reads.
 */
public final class ManagementStats implements AutoCloseable {
    /** Counters (rates are shown for them) and gauges (depths), by RabbitMQ's field names. */
    public static final String PUBLISH = "publish";
    public static final String DELIVER_GET = "deliver_get";
    public static final String ACK = "ack";
    public static final String REDELIVER = "redeliver";
    public static final String DELIVER_CONNECTIONS = "deliver";
    public static final String PRODUCE = "produce";
    public static final String PRODUCE_BYTES = "produce_bytes";
    public static final String FETCH_BYTES = "fetch_bytes";
    public static final String MESSAGES = "messages";
    public static final String READY = "messages_ready";
    public static final String UNACKED = "messages_unacknowledged";
    /** A topic's records appended (sum of log end offsets): its rate is the topic's append rate. */
    public static final String LOG_END_OFFSET = "log_end_offset";
    private static final Logger LOGGER = LoggerFactory.getLogger(ManagementStats.class);

    /**
     * The broker-wide message counters: monotonic, fed by the deltas of each connection's and each
     * queue's own counters (and the management API's publishes).
     */
    record Totals(AtomicLong published, AtomicLong delivered, AtomicLong deliveredByConnections, AtomicLong acked, AtomicLong redelivered) {
    }

    /** The rings of one resource. */
    public static final class Series {
        private final int capacity;
        private final Map<String, SampleRing> rings = new ConcurrentHashMap<>();
        private List<Meter> meters = List.of();

        Series(int capacity) {
            this.capacity = capacity;
        }

        /** The ring of one figure (empty until sampled). */
        public SampleRing ring(String name) {
            return rings.computeIfAbsent(name, k -> new SampleRing(capacity));
        }

        void add(long now, String name, long value) {
            ring(name).add(now, value);
        }
    }

    private final Supplier<Collection<VirtualHost>> vhosts;
    private final Supplier<Collection<AmqpConnectionInfo>> connections;
    private final KafkaTraffic kafka;
    private final LogManager logs;
    private final int capacity;
    private final long intervalMs;
    private final Series overview;
    private final Map<Queue, Series> queues = new ConcurrentHashMap<>();
    private final Map<String, Series> topics = new ConcurrentHashMap<>();
    private final Map<Queue, long[]> lastQueue = new HashMap<>();
    private final Map<String, long[]> lastConnection = new HashMap<>();
    private final Totals totals = new Totals(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
    private final StatsMeters meters;
    private final ScheduledExecutorService sampler;

    public ManagementStats(Supplier<Collection<VirtualHost>> vhosts, Supplier<Collection<AmqpConnectionInfo>> connections, KafkaTraffic kafka,
                           LogManager logs, MeterRegistry registry, long intervalMs, int capacity) {
        this.vhosts = vhosts;
        this.connections = connections;
        this.kafka = kafka;
        this.logs = logs;
        this.meters = new StatsMeters(registry);
        this.capacity = capacity;
        this.intervalMs = intervalMs;
        this.overview = new Series(capacity);
        registerTotals();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "management-stats");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sampleSafely, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void registerTotals() {
        meters.totals(totals, kafka, overview, () -> connections.get().size(), queues::size);
    }

    /** A message published other than by an AMQP connection (the management API's publish). */
    public void countPublished() {
        totals.published().incrementAndGet();
    }

    /** Broker-wide rings: {@link #PUBLISH}, {@link #DELIVER_GET}, ..., {@link #MESSAGES}. */
    public Series overview() {
        return overview;
    }

    /** The rings of a queue (empty before its first sample). */
    public Series queue(Queue q) {
        Series s = queues.get(q);
        return s == null ? new Series(capacity) : s;
    }

    /** The rings of a topic (empty before its first sample). */
    public Series topic(String name) {
        Series s = topics.get(name);
        return s == null ? new Series(capacity) : s;
    }

    public long intervalMs() {
        return intervalMs;
    }

    private void sampleSafely() {
        try {
            sample(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOGGER.warn("Sampling management statistics failed", e);
        }
    }

    /** Takes one sample of everything; the sampler thread calls it every interval. */
    synchronized void sample(long now) {
        sampleConnections();
        long[] depth = sampleQueues(now);
        overview.add(now, PUBLISH, totals.published().get());
        overview.add(now, DELIVER_GET, totals.delivered().get());
        overview.add(now, DELIVER_CONNECTIONS, totals.deliveredByConnections().get());
        overview.add(now, ACK, totals.acked().get());
        overview.add(now, REDELIVER, totals.redelivered().get());
        overview.add(now, PRODUCE, kafka.producedRecords());
        overview.add(now, PRODUCE_BYTES, kafka.producedBytes());
        overview.add(now, FETCH_BYTES, kafka.fetchedBytes());
        overview.add(now, READY, depth[0]);
        overview.add(now, UNACKED, depth[1]);
        overview.add(now, MESSAGES, depth[0] + depth[1]);
        sampleTopics(now);
    }

    private void sampleConnections() {
        Set<String> seen = new HashSet<>();
        for (AmqpConnectionInfo c : connections.get()) {
            seen.add(c.id());
            long[] last = lastConnection.computeIfAbsent(c.id(), k -> new long[2]);
            long p = c.publishedMessages();
            long d = c.deliveredMessages();
            totals.published().addAndGet(Math.max(0, p - last[0]));
            totals.deliveredByConnections().addAndGet(Math.max(0, d - last[1]));
            last[0] = p;
            last[1] = d;
        }
        lastConnection.keySet().retainAll(seen);
    }

    /** @return ready and unacked messages over every queue */
    private long[] sampleQueues(long now) {
        long ready = 0;
        long unacked = 0;
        Set<Queue> seen = new HashSet<>();
        for (VirtualHost vh : vhosts.get()) {
            for (Destination d : vh.destinations()) {
                if (!(d instanceof Queue q)) {
                    continue;
                }
                seen.add(q);
                QueueCounters c = q.counters();
                long[] last = lastQueue.computeIfAbsent(q, k -> new long[3]);
                totals.delivered().addAndGet(Math.max(0, c.delivered() - last[0]));
                totals.acked().addAndGet(Math.max(0, c.acked() - last[1]));
                totals.redelivered().addAndGet(Math.max(0, c.redelivered() - last[2]));
                last[0] = c.delivered();
                last[1] = c.acked();
                last[2] = c.redelivered();
                Series s = queues.computeIfAbsent(q, k -> newQueueSeries(vh.name(), q));
                s.add(now, PUBLISH, c.published());
                s.add(now, DELIVER_GET, c.delivered());
                s.add(now, ACK, c.acked());
                s.add(now, REDELIVER, c.redelivered());
                s.add(now, READY, c.ready());
                s.add(now, UNACKED, c.unacked());
                s.add(now, MESSAGES, c.ready() + c.unacked());
                ready += c.ready();
                unacked += c.unacked();
            }
        }
        lastQueue.keySet().retainAll(seen);
        for (Queue gone : new ArrayList<>(queues.keySet())) {
            if (!seen.contains(gone)) {
                meters.remove(queues.remove(gone).meters);
            }
        }
        return new long[] {ready, unacked};
    }

    private Series newQueueSeries(String vhost, Queue q) {
        Series s = new Series(capacity);
        s.meters = meters.queue(vhost, q.name(), q.counters());
        return s;
    }

    private void sampleTopics(long now) {
        Map<String, long[]> sums = new HashMap<>();
        for (PartitionLog log : logs.logs()) {
            long[] sum = sums.computeIfAbsent(log.topicPartition().topic(), k -> new long[2]);
            sum[0] += log.logEndOffset();
            sum[1] += Math.max(0, log.highWatermark() - log.logStartOffset());
        }
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            Series s = topics.computeIfAbsent(e.getKey(), k -> new Series(capacity));
            if (s.meters.isEmpty()) {
                s.meters = meters.topic(e.getKey(), s);
            }
            s.add(now, LOG_END_OFFSET, e.getValue()[0]);
            s.add(now, MESSAGES, e.getValue()[1]);
        }
        for (String gone : new ArrayList<>(topics.keySet())) {
            if (!sums.containsKey(gone)) {
                meters.remove(topics.remove(gone).meters);
            }
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
