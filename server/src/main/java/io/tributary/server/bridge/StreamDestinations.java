package io.tributary.server.bridge;

import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.message.LogEncoding;
import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.InvalidTopicException;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.NewTopic;
import io.tributary.logstore.topic.TopicDescription;
import io.tributary.logstore.topic.TopicNames;
import io.tributary.server.replication.ReplicatedTopics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Makes {@code x-queue-type: stream} declarations into log-backed destinations, and passes every
 * other declaration to the queue factory. A stream is the Kafka topic of the same name (prefixed
 * with its virtual host and a dot outside {@code /}); declaring a stream whose topic a Kafka client
 * already created attaches to it, so any topic can be consumed over AMQP. A new topic is created in
 * the background (in a cluster with replicated partitions, as CreateTopics makes them); the
 * declaration is confirmed once it exists.
 */
public final class StreamDestinations implements AutoCloseable {
    /** How long a stream's declaration waits for this node to create the logs of a topic it knows. */
    private static final java.time.Duration LOCAL_LOGS_WAIT = java.time.Duration.ofSeconds(30);
    private final LogManager logs;
    private final LogEncoding encoding;
    private final StoredStreamOffsets offsets;
    private final ExecutorService appenders;
    private final ExecutorService readers;
    private final Leadership leadership;
    private final ReplicatedTopics topics;
    private final LeaderForwarder forwarder;

    /** @param leadership who leads each partition: a stream publish goes into a partition this node leads, else to its leader */
    public StreamDestinations(LogManager logs, MetadataStore metadata, LogEncoding encoding, Leadership leadership,
            Map<String, Object> internalClientSecurity) {
        this.logs = logs;
        this.leadership = leadership;
        this.topics = new ReplicatedTopics(logs, leadership);
        this.forwarder = new LeaderForwarder(leadership, internalClientSecurity);
        this.encoding = encoding;
        this.offsets = new StoredStreamOffsets(metadata);
        AtomicInteger ids = new AtomicInteger();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.appenders = Executors.newFixedThreadPool(threads, r -> daemon(r, "stream-append-" + ids.incrementAndGet()));
        this.readers = Executors.newFixedThreadPool(threads, r -> daemon(r, "stream-read-" + ids.incrementAndGet()));
    }

    /** {@code queues} for every declaration that is not a stream. */
    public DestinationFactory around(DestinationFactory queues) {
        return def -> StreamArguments.isStream(def) ? create(def) : queues.create(def);
    }

    /** The Kafka topic of a stream. */
    public static String topicOf(QueueDefinition d) {
        return "/".equals(d.vhost()) ? d.name() : d.vhost() + "." + d.name();
    }

    private Destination create(QueueDefinition def) {
        StreamArguments.validate(def);
        String topic = topicOf(def);
        try {
            TopicNames.validate(topic);
        } catch (InvalidTopicException e) {
            throw new PreconditionFailedException("stream '" + def.name() + "' cannot be a Kafka topic: " + e.getMessage());
        }
        Optional<TopicDescription> existing = logs.topics().topic(topic);
        int partitions = existing.map(TopicDescription::partitions).orElseGet(() -> StreamArguments.partitions(def));
        CompletableFuture<TopicDescription> created;
        if (existing.isPresent()) {
            created = CompletableFuture.completedFuture(existing.get());
        } else {
            try {
                // ensure: a stream declared on two nodes of a cluster at once gets one topic, replicated as a Kafka topic is
                created = topics.ensure(new NewTopic(topic, partitions, StreamArguments.topicConfigs(def)), StreamArguments.initialClusterSize(def));
            } catch (RuntimeException e) {
                throw new PreconditionFailedException("stream '" + def.name() + "': " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + LOCAL_LOGS_WAIT.toNanos();
        CompletableFuture<Function<Integer, PartitionLog>> ready = created.thenCompose(t -> localLogs(topic, partitions, deadline));
        return new LogDestination(def, topic, partitions, ready, appenders, readers, encoding, offsets,
                () -> topics.delete(topic).thenApply(v -> 0L), leadership, forwarder);
    }

    /**
     * Completes once every partition's log exists on this node: a topic another node created is
     * known here (its record applied) a moment before this node has created its logs.
     */
    private CompletableFuture<Function<Integer, PartitionLog>> localLogs(String topic, int partitions, long deadlineNanos) {
        boolean all = java.util.stream.IntStream.range(0, partitions).allMatch(p -> logs.log(new TopicPartition(topic, p)).isPresent());
        if (all) {
            return CompletableFuture.completedFuture(p -> log(topic, p));
        }
        if (System.nanoTime() > deadlineNanos) {
            return CompletableFuture.failedFuture(new PreconditionFailedException("stream topic " + topic + " has no log on this node after "
                    + LOCAL_LOGS_WAIT.toSeconds() + " s"));
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS))
                .thenCompose(v -> localLogs(topic, partitions, deadlineNanos));
    }

    private PartitionLog log(String topic, int partition) {
        return logs.log(new TopicPartition(topic, partition))
                .orElseThrow(() -> new PreconditionFailedException("stream topic " + topic + " has no partition " + partition));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        forwarder.close();
        appenders.shutdown();
        readers.shutdown();
    }
}
