package io.tributary.server.bridge;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.message.LogEncoding;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.stream.StreamCursor;
import io.tributary.exchanges.stream.StreamOffset;
import io.tributary.exchanges.stream.StreamSource;
import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.AppendResult;
import io.tributary.logstore.HighWatermarkListener;
import io.tributary.logstore.LogRecord;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.record.KeyPartitioner;
import io.tributary.logstore.record.LogRecordBatches;
import io.tributary.queues.actor.SerialExecutor;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An AMQP stream (or super stream) as a destination: a Kafka topic of the same name. Routed messages
 * are appended to its partition logs through {@link LogEncoding} — the partition of a super stream is
 * the one Kafka's default partitioner gives the routing key — and the publish is confirmed once the
 * append is durable (in a cluster: once the partition's ISR has it; a partition led by another node
 * gets the publish through its leader, {@link StreamForwarder}). Kafka clients produce to and fetch
 * from the same logs.
 *
 * <p>{@link #accept} never touches files on the caller's thread: messages queue per partition and a
 * serial task appends everything queued as one record batch.
 */
final class LogDestination implements StreamSource {
    /** Messages waiting for their append above which publishers are asked to pause. */
    static final int FLOW_HIGH = 10_000;
    private static final int MAX_BATCH = 1_000;

    private final QueueDefinition definition;
    private final String topic;
    private final int partitions;
    private final LogEncoding encoding;
    private final StoredStreamOffsets offsets;
    private final Supplier<CompletableFuture<Long>> deleteTopic;
    private final Partition[] parts;
    private final Leadership leadership;
    private final StreamForwarder forwarder;
    private final CompletableFuture<Void> ready;
    private final Executor readers;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final AtomicLong waiting = new AtomicLong();
    private final ConcurrentLinkedQueue<Runnable> uncongestedWaiters = new ConcurrentLinkedQueue<>();

    /** One partition: its append queue and the cursors waiting for data. Its log is bound once the topic exists. */
    private final class Partition implements HighWatermarkListener {
        volatile PartitionLog log;
        final SerialExecutor appender;
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final Set<Runnable> waiters = ConcurrentHashMap.newKeySet();

        Partition(Executor executor) {
            this.appender = new SerialExecutor(executor);
        }

        void bind(PartitionLog l) {
            log = l;
            l.addHighWatermarkListener(this);
            scheduleDrain(this);
        }

        @Override
        public void onHighWatermarkAdvanced(TopicPartition tp, long hw) {
            for (Runnable r : waiters) {
                if (waiters.remove(r)) {
                    r.run();
                }
            }
        }
    }

    private record Pending(Message message, CompletableFuture<Void> done) {
    }

    /**
     * @param ready completes with the partition logs once the topic exists (at once for an existing topic)
     */
    LogDestination(QueueDefinition definition, String topic, int partitions, CompletableFuture<Function<Integer, PartitionLog>> ready,
            Executor appenders, Executor readers, LogEncoding encoding, StoredStreamOffsets offsets,
            Supplier<CompletableFuture<Long>> deleteTopic, Leadership leadership, StreamForwarder forwarder) {
        this.leadership = leadership;
        this.forwarder = forwarder;
        this.readers = readers;
        this.definition = definition;
        this.topic = topic;
        this.partitions = partitions;
        this.encoding = encoding;
        this.offsets = offsets;
        this.deleteTopic = deleteTopic;
        this.parts = new Partition[partitions];
        for (int i = 0; i < partitions; i++) {
            parts[i] = new Partition(appenders);
        }
        this.ready = ready.thenAccept(logs -> {
            for (int i = 0; i < partitions; i++) {
                parts[i].bind(logs.apply(i));
            }
        });
    }

    @Override
    public CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public QueueDefinition definition() {
        return definition;
    }

    /** The Kafka topic behind this stream. */
    String topic() {
        return topic;
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public CompletableFuture<Void> accept(Message message) {
        Partition p = parts[partitionFor(message)];
        CompletableFuture<Void> done = new CompletableFuture<>();
        p.queue.add(new Pending(message, done));
        waiting.incrementAndGet();
        if (p.log != null) {
            scheduleDrain(p);
        }
        return done;
    }

    private void scheduleDrain(Partition p) {
        if (p.scheduled.compareAndSet(false, true)) {
            p.appender.execute(() -> drain(p));
        }
    }

    private int partitionFor(Message m) {
        if (partitions == 1) {
            return 0;
        }
        String key = m.routingKey();
        if (key == null || key.isEmpty()) {
            return Math.floorMod(roundRobin.getAndIncrement(), partitions);
        }
        return KeyPartitioner.partition(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), partitions);
    }

    /** Appends what is queued on {@code p} as record batches (on its serial executor). */
    private void drain(Partition p) {
        p.scheduled.set(false);
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while ((next = p.queue.poll()) != null) {
            batch.add(next);
            if (batch.size() == MAX_BATCH) {
                append(p, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            append(p, batch);
        }
    }

    private void append(Partition p, List<Pending> batch) {
        List<LogRecord> records = new ArrayList<>(batch.size());
        for (Pending m : batch) {
            LogEncoding.Record r = encoding.encode(m.message());
            List<LogRecord.Header> headers = new ArrayList<>(r.headers().size());
            for (LogEncoding.Header h : r.headers()) {
                headers.add(new LogRecord.Header(h.name(), h.value()));
            }
            records.add(new LogRecord(0, r.timestamp(), r.key(), r.value(), headers));
        }
        CompletableFuture<Void> durable;
        TopicPartition tp = p.log.topicPartition();
        try {
            if (!leadership.isLeader(tp)) {
                // a replicated partition led elsewhere: appending here would fork its log, so its leader appends
                durable = forwarder.forward(tp, records).exceptionally(e -> {
                    throw new PreconditionFailedException("partition " + tp.partition() + " of stream " + topic + " is led by node "
                            + leadership.partition(tp).leader() + ", which did not take the publish: " + e.getMessage());
                });
                complete(batch, durable);
                return;
            }
            ByteBuffer bytes = LogRecordBatches.build(records);
            AppendResult appended = p.log.appendAsLeader(bytes, leadership.partition(tp).leaderEpoch());
            leadership.onLeaderAppend(tp);
            durable = leadership.whenCommitted(p.log, appended);
        } catch (RuntimeException e) {
            durable = CompletableFuture.failedFuture(e);
        }
        complete(batch, durable);
    }

    /** Confirms (or refuses) the batch's publishes once {@code durable} completes, and lets publishers go on. */
    private void complete(List<Pending> batch, CompletableFuture<Void> durable) {
        durable.whenComplete((v, e) -> {
            for (Pending m : batch) {
                if (e == null) {
                    m.done().complete(null);
                } else {
                    m.done().completeExceptionally(e);
                }
            }
            if (waiting.addAndGet(-batch.size()) < FLOW_HIGH / 2) {
                Runnable r;
                while ((r = uncongestedWaiters.poll()) != null) {
                    r.run();
                }
            }
        });
    }

    @Override
    public boolean congested() {
        return waiting.get() > FLOW_HIGH;
    }

    @Override
    public void whenUncongested(Runnable task) {
        if (!congested()) {
            task.run();
            return;
        }
        uncongestedWaiters.add(task);
        if (!congested() && uncongestedWaiters.remove(task)) {
            task.run();
        }
    }

    // ---- reading ----

    @Override
    public StreamCursor open(int partition, StreamOffset start) {
        Partition p = parts[partition];
        return new LogCursor(partition, p.log, LogCursor.startOffset(p.log, start), encoding, task -> waitFor(p, task), readers);
    }

    /** Runs {@code task} when the high watermark of {@code p} next advances (the cursor re-checks). */
    private void waitFor(Partition p, Runnable task) {
        p.waiters.add(task);
    }

    @Override
    public OptionalLong storedOffset(String consumerName, int partition) {
        return offsets.get(topic, partition, consumerName);
    }

    @Override
    public CompletableFuture<Void> storeOffset(String consumerName, int partition, long nextOffset) {
        return offsets.put(topic, partition, consumerName, nextOffset);
    }

    @Override
    public CompletableFuture<Long> deleted() {
        for (Partition p : parts) {
            if (p.log != null) {
                p.log.removeHighWatermarkListener(p);
            }
            for (Runnable r : new ArrayDeque<>(p.waiters)) {
                p.waiters.remove(r);
                r.run();
            }
        }
        return offsets.deleteAll(topic).thenCompose(v -> deleteTopic.get());
    }

    /** Stops listening to the logs (broker shutdown; the stream stays). */
    void close() {
        for (Partition p : parts) {
            if (p.log != null) {
                p.log.removeHighWatermarkListener(p);
            }
        }
    }
}
