package io.tributary.kafka.group;

import io.tributary.kafka.group.classic.ClassicGroup;
import io.tributary.kafka.group.classic.HeartbeatParams;
import io.tributary.kafka.group.classic.JoinGroupParams;
import io.tributary.kafka.group.classic.JoinGroupResult;
import io.tributary.kafka.group.classic.LeaveGroupParams;
import io.tributary.kafka.group.classic.LeaveGroupResult;
import io.tributary.kafka.group.classic.SubscriptionParser;
import io.tributary.kafka.group.classic.SyncGroupParams;
import io.tributary.kafka.group.classic.SyncGroupResult;
import io.tributary.kafka.group.consumer.ConsumerGroup;
import io.tributary.kafka.group.consumer.ConsumerGroupDescription;
import io.tributary.kafka.group.consumer.ConsumerHeartbeatParams;
import io.tributary.kafka.group.consumer.ConsumerHeartbeatResult;
import io.tributary.kafka.group.offsets.OffsetCommitParams;
import io.tributary.kafka.group.offsets.OffsetFetchParams;
import io.tributary.kafka.group.offsets.OffsetFetchResult;
import io.tributary.logstore.LogClosedException;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.time.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator: consumer groups (classic and KIP-848) and their committed offsets, kept in
 * {@code __consumer_offsets}. It creates that topic at start-up when missing, then loads each
 * partition into a {@link GroupShard}; a group's requests go to the shard of
 * {@link #partitionFor its partition} and run on that shard's thread.
 *
 * <p>Until the topic exists requests fail with COORDINATOR_NOT_AVAILABLE, and while a shard loads
 * with COORDINATOR_LOAD_IN_PROGRESS ({@link GroupException}); clients retry both.
 *
 * <p>Thread-safe: every method may be called from any thread (Netty event loops) and returns at once.
 */
public final class GroupCoordinator implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(GroupCoordinator.class);

    private final GroupConfig config;
    private final OffsetsTopic offsetsTopic;
    private final TopicCatalog topics;
    private final SubscriptionParser parser;
    private final Time time;
    private final IntFunction<ShardScheduler> schedulers;
    private volatile GroupShard[] shards;
    private volatile boolean closed;
    /** Whether shards load only when told this node leads their partition (a cluster) or all at start. */
    private final boolean followsLeadership;
    /** The partitions this node leads, as last told (kept before the shards exist too). */
    private final java.util.Set<Integer> led = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param schedulers the scheduler of each shard, by partition (shards may share one)
     */
    public GroupCoordinator(GroupConfig config, OffsetsTopic offsetsTopic, TopicCatalog topics, SubscriptionParser parser, Time time,
            IntFunction<ShardScheduler> schedulers) {
        this(config, offsetsTopic, topics, parser, time, schedulers, false);
    }

    /**
     * @param followsLeadership true in a cluster: a shard loads when {@link #elect} says this node
     *     leads its partition and unloads on {@link #resign}; false on one node: every shard loads at start
     */
    public GroupCoordinator(GroupConfig config, OffsetsTopic offsetsTopic, TopicCatalog topics, SubscriptionParser parser, Time time,
            IntFunction<ShardScheduler> schedulers, boolean followsLeadership) {
        this.followsLeadership = followsLeadership;
        this.config = config;
        this.offsetsTopic = offsetsTopic;
        this.topics = topics;
        this.parser = parser;
        this.time = time;
        this.schedulers = schedulers;
    }

    /** Creates {@code __consumer_offsets} if needed and starts loading every partition; completes once all are loaded. */
    public CompletableFuture<Void> start() {
        return offsetsTopic.ensureCreated(config.offsetsTopicPartitions(), config.offsetsTopicSegmentBytes()).thenCompose(n -> {
            GroupShard[] created = new GroupShard[n];
            List<CompletableFuture<Void>> loads = new ArrayList<>(n);
            synchronized (this) {
                for (int p = 0; p < n; p++) {
                    GroupShard shard = newShard(p);
                    created[p] = shard;
                    if (followsLeadership && !led.contains(p)) {
                        shard.markNotLeader();
                    } else {
                        loads.add(load(shard));
                    }
                }
                shards = created;
            }
            if (closed) {
                close();
            }
            return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new));
        }).whenComplete((v, e) -> {
            if (e != null && (closed || causedByClosedLog(e))) {
                LOGGER.debug("The group coordinator stopped before it finished loading");
            } else if (e != null) {
                LOGGER.error("The group coordinator could not start; consumer groups are unavailable", e);
            } else {
                LOGGER.info("Group coordinator ready ({} partitions of {})", shards.length, OffsetsTopic.NAME);
            }
        });
    }

    private GroupShard newShard(int p) {
        return new GroupShard(offsetsTopic.log(p), schedulers.apply(p), time, config, topics, parser);
    }

    private static CompletableFuture<Void> load(GroupShard shard) {
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        try {
            shard.scheduler().execute(() -> shard.load().whenComplete((v, e) -> complete(loaded, v, e)));
        } catch (RejectedExecutionException e) {
            loaded.completeExceptionally(GroupError.NOT_COORDINATOR.exception("stopped while starting"));
        }
        return loaded;
    }

    /**
     * This node now leads {@code partition} of {@code __consumer_offsets}: a fresh shard replays it
     * (once the log's high watermark reached its end, so nothing the old leader committed is missed)
     * and serves its groups. Nothing happens when a shard already serves or loads it.
     */
    public synchronized void elect(int partition) {
        led.add(partition);
        GroupShard[] all = shards;
        if (all == null || closed || partition >= all.length) {
            return; // start() loads it once the shards exist
        }
        GroupShard.State s = all[partition].state();
        if (s == GroupShard.State.ACTIVE || s == GroupShard.State.LOADING) {
            return;
        }
        GroupShard fresh = newShard(partition);
        GroupShard[] copy = all.clone();
        copy[partition] = fresh;
        shards = copy;
        LOGGER.info("Partition {} of {} led here: loading its groups", partition, OffsetsTopic.NAME);
        load(fresh);
    }

    /** This node no longer leads {@code partition}: its shard stops, its requests get NOT_COORDINATOR. */
    public synchronized void resign(int partition) {
        led.remove(partition);
        GroupShard[] all = shards;
        if (all == null || partition >= all.length) {
            return;
        }
        GroupShard shard = all[partition];
        if (shard.state() == GroupShard.State.CLOSED) {
            return;
        }
        shard.markNotLeader(); // at once, so that an election right after this one loads a fresh shard
        try {
            shard.scheduler().execute(shard::close);
        } catch (RejectedExecutionException e) {
            LOGGER.debug("Shard {} already stopped", partition);
        }
    }

    /** A closed log means the broker is stopping, whichever of it and this coordinator closes first. */
    static boolean causedByClosedLog(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LogClosedException) {
                return true;
            }
        }
        return false;
    }

    /** True once {@code __consumer_offsets} exists (FindCoordinator answers this node from then on). */
    public boolean isAvailable() {
        return shards != null && !closed;
    }

    /** The partition of {@code __consumer_offsets} that holds {@code groupId}: {@code abs(hashCode) % partitions}, as Kafka. */
    public static int partitionFor(String groupId, int partitions) {
        int h = groupId.hashCode();
        return (h == Integer.MIN_VALUE ? 0 : Math.abs(h)) % partitions;
    }

    // ---- classic protocol ----

    public CompletableFuture<JoinGroupResult> joinGroup(JoinGroupParams p) {
        return onShard(p.groupId(), s -> s.classic().join(p));
    }

    public CompletableFuture<SyncGroupResult> syncGroup(SyncGroupParams p) {
        return onShard(p.groupId(), s -> s.classic().sync(p));
    }

    public CompletableFuture<GroupError> heartbeat(HeartbeatParams p) {
        return onShard(p.groupId(), s -> CompletableFuture.completedFuture(s.classic().heartbeat(p)));
    }

    public CompletableFuture<LeaveGroupResult> leaveGroup(LeaveGroupParams p) {
        return onShard(p.groupId(), s -> CompletableFuture.completedFuture(s.classic().leave(p)));
    }

    // ---- consumer protocol ----

    public CompletableFuture<ConsumerHeartbeatResult> consumerGroupHeartbeat(ConsumerHeartbeatParams p) {
        return onShard(p.groupId(), s -> s.consumer().heartbeat(p));
    }

    /** The consumer-protocol group, or GROUP_ID_NOT_FOUND (a {@link GroupException}) when there is none. */
    public CompletableFuture<ConsumerGroupDescription> describeConsumerGroup(String groupId) {
        return onShard(groupId, s -> {
            Group g = s.group(groupId);
            if (g instanceof ConsumerGroup c && !c.isDead()) {
                return CompletableFuture.completedFuture(c.describe(config.defaultAssignor()));
            }
            String why = g == null || g.isDead() ? "Group " + groupId + " not found." : "Group " + groupId + " is not a consumer group.";
            return CompletableFuture.failedFuture(GroupError.GROUP_ID_NOT_FOUND.exception(why));
        });
    }

    // ---- offsets ----

    public CompletableFuture<Map<TopicPartition, GroupError>> commitOffsets(OffsetCommitParams p) {
        return onShard(p.groupId(), s -> s.offsetManager().commit(p));
    }

    /** TxnOffsetCommit: offsets pending until the producer's transaction marker commits or aborts them. */
    public CompletableFuture<Map<TopicPartition, GroupError>> commitTransactionalOffsets(OffsetCommitParams p, long producerId,
            short producerEpoch) {
        return onShard(p.groupId(), s -> s.offsetManager().commitTransactional(p, producerId, producerEpoch));
    }

    public CompletableFuture<OffsetFetchResult> fetchOffsets(OffsetFetchParams p) {
        return onShard(p.groupId(), s -> CompletableFuture.completedFuture(s.offsetManager().fetch(p)));
    }

    public CompletableFuture<Map<TopicPartition, GroupError>> deleteOffsets(String groupId, List<TopicPartition> partitions) {
        return onShard(groupId, s -> s.offsetManager().deleteOffsets(groupId, partitions));
    }

    /**
     * A transaction marker was written (and is durable) in partition {@code partition} of
     * {@code __consumer_offsets}: the producer's pending transactional offsets there become
     * committed, or are dropped. Any thread. A shard that is still loading replays the marker from
     * the log instead.
     */
    public void onTransactionMarker(int partition, long producerId, boolean commit) {
        GroupShard[] all = shards;
        if (all == null || partition < 0 || partition >= all.length) {
            return;
        }
        on(all[partition], s -> {
            s.offsets().endTransaction(producerId, commit);
            return CompletableFuture.completedFuture(null);
        });
    }

    // ---- groups ----

    public CompletableFuture<GroupError> deleteGroup(String groupId) {
        return onShard(groupId, s -> {
            Group g = s.group(groupId);
            if (g instanceof ClassicGroup c && c.isEmpty()) {
                s.classic().forget(c);
            }
            return s.offsetManager().deleteGroup(groupId);
        });
    }

    /**
     * A group as DescribeGroups shows it: a classic group's description, or (for a consumer-protocol
     * group) a summary; empty when there is no such group.
     */
    public CompletableFuture<Optional<GroupDescription>> describeGroup(String groupId) {
        return onShard(groupId, s -> {
            Group g = s.group(groupId);
            if (g == null || g.isDead()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            GroupDescription d = g instanceof ClassicGroup c ? c.describe() : ((ConsumerGroup) g).describe(config.defaultAssignor());
            return CompletableFuture.completedFuture(Optional.of(d));
        });
    }

    /** Every group of every shard; fails with COORDINATOR_LOAD_IN_PROGRESS while a shard loads. */
    public CompletableFuture<List<GroupListing>> listGroups() {
        GroupShard[] all = shards;
        if (all == null) {
            return CompletableFuture.failedFuture(GroupError.COORDINATOR_NOT_AVAILABLE.exception("the group coordinator is starting"));
        }
        List<CompletableFuture<List<GroupListing>>> parts = new ArrayList<>(all.length);
        for (GroupShard s : all) {
            parts.add(on(s, x -> CompletableFuture.completedFuture(x.listGroups())));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<GroupListing> out = new ArrayList<>();
            parts.forEach(f -> out.addAll(f.join()));
            return out;
        });
    }

    /** Removes expired offsets in every shard now (the shards also do it every {@code offsets.retention.check.interval.ms}). */
    public CompletableFuture<Integer> expireOffsets() {
        GroupShard[] all = shards;
        if (all == null) {
            return CompletableFuture.completedFuture(0);
        }
        List<CompletableFuture<Integer>> parts = new ArrayList<>(all.length);
        for (GroupShard s : all) {
            parts.add(on(s, x -> CompletableFuture.completedFuture(x.offsetManager().expireOffsets())));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> parts.stream().mapToInt(CompletableFuture::join).sum());
    }

    // ---- routing ----

    private <T> CompletableFuture<T> onShard(String groupId, Function<GroupShard, CompletableFuture<T>> op) {
        GroupShard[] all = shards;
        if (all == null || closed) {
            return CompletableFuture.failedFuture(GroupError.COORDINATOR_NOT_AVAILABLE.exception("the group coordinator is not running"));
        }
        if (groupId == null) {
            return CompletableFuture.failedFuture(GroupError.INVALID_GROUP_ID.exception("the group id is null"));
        }
        return on(all[partitionFor(groupId, all.length)], op);
    }

    private static <T> CompletableFuture<T> on(GroupShard shard, Function<GroupShard, CompletableFuture<T>> op) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            shard.scheduler().execute(() -> {
                GroupError unavailable = shard.unavailable();
                if (unavailable != null) {
                    result.completeExceptionally(unavailable.exception("partition " + shard.partition() + " of " + OffsetsTopic.NAME + " is "
                            + shard.state().name().toLowerCase(java.util.Locale.ROOT)));
                    return;
                }
                try {
                    op.apply(shard).whenComplete((v, e) -> complete(result, v, e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(GroupError.NOT_COORDINATOR.exception("the group coordinator is stopped"));
        }
        return result;
    }

    private static <T> void complete(CompletableFuture<T> f, T value, Throwable failure) {
        if (failure != null) {
            f.completeExceptionally(failure);
        } else {
            f.complete(value);
        }
    }

    /** Stops every shard (waiting requests are answered); the schedulers are the caller's to shut down. */
    @Override
    public void close() {
        closed = true;
        GroupShard[] all = shards;
        if (all == null) {
            return;
        }
        for (GroupShard s : all) {
            try {
                s.scheduler().execute(s::close);
            } catch (RejectedExecutionException e) {
                LOGGER.debug("Shard {} already stopped", s.partition());
            }
        }
    }
}
