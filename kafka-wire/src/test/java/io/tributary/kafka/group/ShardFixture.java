package io.tributary.kafka.group;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A shard on a manual scheduler and an in-memory log, for unit tests of the coordinator's state
 * machines. Classic subscriptions are plain comma-separated topic names.
 */
public final class ShardFixture {
    public final ManualScheduler scheduler = new ManualScheduler();
    public final MemoryCoordinatorLog log = new MemoryCoordinatorLog(0);
    public final MemoryTopics topics = new MemoryTopics();
    public final GroupConfig config;
    public GroupShard shard;

    public ShardFixture() {
        this(GroupConfig.defaults());
    }

    public ShardFixture(GroupConfig config) {
        this.config = config;
        this.shard = newShard();
        shard.load();
        scheduler.runAll();
    }

    private GroupShard newShard() {
        return new GroupShard(log, scheduler, scheduler, config, topics, ShardFixture::parse);
    }

    /** A new shard replaying this one's log, as after a broker restart. */
    public GroupShard restart() {
        shard.close();
        shard = newShard();
        shard.load();
        scheduler.runAll();
        return shard;
    }

    public static byte[] subscription(String... topics) {
        return String.join(",", topics).getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> parse(byte[] subscription) {
        return new HashSet<>(List.of(new String(subscription, StandardCharsets.UTF_8).split(",")));
    }

    /** Lets queued work run, then returns the (completed) result. */
    public <T> T await(CompletableFuture<T> f) {
        scheduler.runAll();
        if (!f.isDone()) {
            throw new AssertionError("not completed");
        }
        return f.join();
    }

    public void topic(String name, int partitions) {
        topics.add(name, partitions);
    }

    public static GroupConfig config(int initialDelayMs) {
        GroupConfig d = GroupConfig.defaults();
        return new GroupConfig(d.offsetsTopicPartitions(), d.offsetsTopicSegmentBytes(), d.offsetsRetentionMs(), d.offsetsRetentionCheckIntervalMs(),
                d.offsetMetadataMaxBytes(), initialDelayMs, d.minSessionTimeoutMs(), d.maxSessionTimeoutMs(), d.maxGroupSize(),
                d.consumerSessionTimeoutMs(), d.consumerHeartbeatIntervalMs(), d.consumerAssignors(), 1);
    }
}
