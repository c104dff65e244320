package io.tributary.kafka.group;

import io.tributary.kafka.group.classic.ClassicGroup;
import io.tributary.kafka.group.classic.ClassicGroupManager;
import io.tributary.kafka.group.classic.SubscriptionParser;
import io.tributary.kafka.group.consumer.ConsumerGroupManager;
import io.tributary.kafka.group.offsets.OffsetManager;
import io.tributary.kafka.group.offsets.OffsetStore;
import io.tributary.logstore.time.Time;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The groups and committed offsets of one partition of {@code __consumer_offsets} (a group lives
 * in partition {@code abs(hash(groupId)) % partitions}, as in Kafka), and the managers of the
 * protocols. Everything runs on the shard's {@link ShardScheduler} thread: requests, timers, and
 * the completions of log writes, which are delivered strictly in the order the writes were made.
 *
 * <pre>
 * LOADING ──(log replayed)──▶ ACTIVE ──(close)──▶ CLOSED
 *    └──(replay failed)──▶ FAILED
 * </pre>
 * Requests are answered COORDINATOR_LOAD_IN_PROGRESS while loading, NOT_COORDINATOR otherwise.
 */
public final class GroupShard implements GroupContext {
    private static final Logger LOGGER = LoggerFactory.getLogger(GroupShard.class);
    private static final String RETENTION_TIMER = "offsets-retention";

    /** The shard's lifecycle. */
    public enum State { LOADING, ACTIVE, FAILED, CLOSED }

    private final CoordinatorLog log;
    private final ShardScheduler scheduler;
    private final KeyedTimer timer;
    private final Time time;
    private final GroupConfig config;
    private final TopicCatalog topics;
    private final Map<String, Group> groups = new HashMap<>();
    private final OffsetStore offsets = new OffsetStore();
    private final ClassicGroupManager classic;
    private final ConsumerGroupManager consumer;
    private final OffsetManager offsetManager;
    private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
    private volatile State state = State.LOADING;

    public GroupShard(CoordinatorLog log, ShardScheduler scheduler, Time time, GroupConfig config, TopicCatalog topics,
            SubscriptionParser parser) {
        this.log = log;
        this.scheduler = scheduler;
        this.timer = new KeyedTimer(scheduler);
        this.time = time;
        this.config = config;
        this.topics = topics;
        this.classic = new ClassicGroupManager(this, parser);
        this.consumer = new ConsumerGroupManager(this);
        this.offsetManager = new OffsetManager(this);
    }

    public int partition() {
        return log.partition();
    }

    public ShardScheduler scheduler() {
        return scheduler;
    }

    public State state() {
        return state;
    }

    /**
     * A shard of a partition this node does not lead (a cluster): it answers NOT_COORDINATOR until
     * the partition's leadership comes here, when a fresh shard loads in its place.
     */
    public void markNotLeader() {
        state = State.CLOSED;
    }

    /** The error for a request that arrives while the shard cannot serve, or null when it can. */
    public GroupError unavailable() {
        switch (state) {
            case ACTIVE:
                return null;
            case LOADING:
                return GroupError.COORDINATOR_LOAD_IN_PROGRESS;
            default:
                return GroupError.NOT_COORDINATOR;
        }
    }

    public ClassicGroupManager classic() {
        return classic;
    }

    public ConsumerGroupManager consumer() {
        return consumer;
    }

    public OffsetManager offsetManager() {
        return offsetManager;
    }

    // ---- load ----

    /** Replays the log into memory and becomes ACTIVE. Call on the shard's thread. */
    public CompletableFuture<Void> load() {
        assert scheduler.inShardThread() : "partition " + partition() + " of __consumer_offsets loaded off its thread";
        long t0 = time.nanoseconds();
        Map<String, ClassicGroupSnapshot> classicGroups = new LinkedHashMap<>();
        Map<String, Integer> consumerGroups = new LinkedHashMap<>();
        CoordinatorLog.ReplaySink sink = new CoordinatorLog.ReplaySink() {
            @Override
            public void record(RawRecord raw, long producerId) {
                replay(raw, producerId, classicGroups, consumerGroups);
            }

            @Override
            public void endTransaction(long producerId, boolean committed) {
                offsets.endTransaction(producerId, committed);
            }
        };
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        log.awaitDurable().whenComplete((v, waitFailure) -> runOnShard(() -> {
            Throwable e = waitFailure;
            if (e == null) {
                try {
                    log.replay(sink);
                } catch (RuntimeException replayFailure) {
                    e = replayFailure;
                }
            }
            if (e != null) {
                state = State.FAILED;
                if (GroupCoordinator.causedByClosedLog(e)) {
                    // the broker is stopping (SIGTERM during start-up): nothing is wrong with the partition
                    LOGGER.debug("Loading partition {} of __consumer_offsets stopped: its log was closed", partition());
                } else {
                    LOGGER.error("Loading partition {} of __consumer_offsets failed; its groups stay unavailable", partition(), e);
                }
                loaded.completeExceptionally(e);
                return;
            }
            classicGroups.forEach(classic::load);
            consumerGroups.forEach(consumer::load);
            for (String g : offsets.groups()) {
                groups.computeIfAbsent(g, id -> new ClassicGroup(id, nowMs()));
            }
            state = State.ACTIVE;
            scheduleRetention();
            if (!groups.isEmpty()) {
                LOGGER.info("Loaded {} groups from partition {} of __consumer_offsets in {} ms", groups.size(), partition(),
                        (time.nanoseconds() - t0) / 1_000_000);
            }
            loaded.complete(null);
        }));
        return loaded;
    }

    private void replay(RawRecord raw, long producerId, Map<String, ClassicGroupSnapshot> classicGroups, Map<String, Integer> consumerGroups) {
        StoredRecord r;
        try {
            r = OffsetsTopicFormat.decode(java.nio.ByteBuffer.wrap(raw.key()), raw.value() == null ? null : java.nio.ByteBuffer.wrap(raw.value()));
        } catch (OffsetsTopicFormat.UnreadableRecordException e) {
            LOGGER.warn("Skipping an unreadable record of partition {} of __consumer_offsets: {}", partition(), e.getMessage());
            return;
        }
        if (r instanceof StoredRecord.Offset o) {
            if (producerId >= 0 && o.offset() != null) {
                offsets.putPending(producerId, o.groupId(), o.partition(), o.offset());
            } else {
                offsetManager.apply(o);
            }
        } else if (r instanceof StoredRecord.ClassicGroup c) {
            consumerGroups.remove(c.groupId());
            if (c.snapshot() == null) {
                classicGroups.remove(c.groupId());
            } else {
                classicGroups.put(c.groupId(), c.snapshot());
            }
        } else if (r instanceof StoredRecord.ConsumerGroup c) {
            if (c.epoch() < 0) {
                consumerGroups.remove(c.groupId());
            } else {
                classicGroups.remove(c.groupId());
                consumerGroups.put(c.groupId(), c.epoch());
            }
        }
    }

    private void scheduleRetention() {
        timer.schedule(RETENTION_TIMER, config.offsetsRetentionCheckIntervalMs(), () -> {
            if (state == State.ACTIVE) {
                offsetManager.expireOffsets();
                scheduleRetention();
            }
        });
    }

    // ---- listing ----

    public List<GroupListing> listGroups() {
        List<GroupListing> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            if (!g.isDead()) {
                out.add(new GroupListing(g.groupId(), g.protocolType(), g.stateName(), g.type()));
            }
        }
        return out;
    }

    // ---- GroupContext ----

    @Override
    public GroupConfig config() {
        return config;
    }

    @Override
    public long nowMs() {
        return time.milliseconds();
    }

    @Override
    public KeyedTimer timer() {
        return timer;
    }

    @Override
    public TopicCatalog topics() {
        return topics;
    }

    @Override
    public OffsetStore offsets() {
        return offsets;
    }

    @Override
    public Group group(String groupId) {
        return groups.get(groupId);
    }

    @Override
    public void putGroup(Group group) {
        groups.put(group.groupId(), group);
    }

    @Override
    public void removeGroup(String groupId) {
        groups.remove(groupId);
    }

    @Override
    public CompletableFuture<Void> write(List<StoredRecord> records) {
        return write(records, -1, (short) -1);
    }

    @Override
    public CompletableFuture<Void> writeTransactional(List<StoredRecord> records, long producerId, short producerEpoch) {
        return write(records, producerId, producerEpoch);
    }

    private CompletableFuture<Void> write(List<StoredRecord> records, long producerId, short producerEpoch) {
        assert scheduler.inShardThread() : "partition " + partition() + " of __consumer_offsets written off its thread";
        PendingWrite w = new PendingWrite();
        writes.add(w);
        CompletableFuture<Void> durable;
        try {
            List<RawRecord> raw = new ArrayList<>(records.size());
            records.forEach(r -> raw.add(OffsetsTopicFormat.encode(r)));
            durable = producerId < 0 ? log.append(raw) : log.appendTransactional(raw, producerId, producerEpoch);
        } catch (RuntimeException e) {
            durable = CompletableFuture.failedFuture(e);
        }
        durable.whenComplete((v, e) -> runOnShard(() -> {
            w.done = true;
            w.failure = e;
            completeWrites();
        }));
        return w.result;
    }

    /** Completes finished writes in the order they were made (a later one never overtakes an earlier one). */
    private void completeWrites() {
        while (!writes.isEmpty() && writes.peek().done) {
            PendingWrite w = writes.poll();
            if (w.failure == null) {
                w.result.complete(null);
            } else {
                Throwable cause = w.failure instanceof CompletionException && w.failure.getCause() != null ? w.failure.getCause() : w.failure;
                LOGGER.warn("Writing to partition {} of __consumer_offsets failed: {}", partition(), cause.toString());
                w.result.completeExceptionally(GroupError.NOT_COORDINATOR.exception("the group coordinator cannot write its log: " + cause));
            }
        }
    }

    private void runOnShard(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            LOGGER.debug("Partition {} of __consumer_offsets is closed; a completion is dropped", partition());
        }
    }

    /** Stops serving: timers are cancelled and waiting requests answered NOT_COORDINATOR. Call on the shard's thread. */
    public void close() {
        state = State.CLOSED;
        timer.cancelAll();
        for (Group g : groups.values()) {
            g.markDead();
        }
    }

    private static final class PendingWrite {
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private boolean done;
        private Throwable failure;
    }
}
