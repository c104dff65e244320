package io.tributary.kafka.group.offsets;

import io.tributary.kafka.group.Group;
import io.tributary.kafka.group.GroupContext;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupException;
import io.tributary.kafka.group.GroupType;
import io.tributary.kafka.group.StoredRecord;
import io.tributary.kafka.group.classic.ClassicGroup;
import io.tributary.logstore.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed offsets of one shard: OffsetCommit (answered once its record is durable), OffsetFetch,
 * OffsetDelete, DeleteGroups, and retention of the offsets of empty groups. A change reaches the
 * {@link OffsetStore} only when its record is durable, in log order, so a fetch never returns an
 * offset a crash could take back. Shard-thread only.
 */
public final class OffsetManager {
    private static final Logger LOGGER = LoggerFactory.getLogger(OffsetManager.class);

    private final GroupContext ctx;

    public OffsetManager(GroupContext ctx) {
        this.ctx = ctx;
    }

    // ---- OffsetCommit ----

    public CompletableFuture<Map<TopicPartition, GroupError>> commit(OffsetCommitParams p) {
        Map<TopicPartition, GroupError> result = new LinkedHashMap<>();
        try {
            validateCommit(p);
        } catch (GroupException e) {
            p.offsets().keySet().forEach(tp -> result.put(tp, e.error()));
            return CompletableFuture.completedFuture(result);
        }
        long now = ctx.nowMs();
        long expire = p.retentionMs() > 0 ? now + p.retentionMs() : -1;
        List<StoredRecord> records = offsetRecords(p, now, expire, result);
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return ctx.write(records).handle((v, failure) -> {
            if (failure != null) {
                GroupError error = errorOf(failure);
                records.forEach(r -> result.put(((StoredRecord.Offset) r).partition(), error));
                return result;
            }
            records.forEach(r -> apply((StoredRecord.Offset) r));
            return result;
        });
    }

    /**
     * TxnOffsetCommit: the offsets are written in a transactional batch of the producer and wait,
     * pending, for its transaction's marker (which {@code OffsetStore.endTransaction} applies). The
     * member is checked as for OffsetCommit when the request names one (v3+).
     */
    public CompletableFuture<Map<TopicPartition, GroupError>> commitTransactional(OffsetCommitParams p, long producerId,
            short producerEpoch) {
        Map<TopicPartition, GroupError> result = new LinkedHashMap<>();
        try {
            validateCommit(p);
        } catch (GroupException e) {
            p.offsets().keySet().forEach(tp -> result.put(tp, e.error()));
            return CompletableFuture.completedFuture(result);
        }
        long now = ctx.nowMs();
        List<StoredRecord> records = offsetRecords(p, now, -1, result);
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return ctx.writeTransactional(records, producerId, producerEpoch).handle((v, failure) -> {
            for (StoredRecord r : records) {
                StoredRecord.Offset o = (StoredRecord.Offset) r;
                if (failure != null) {
                    result.put(o.partition(), errorOf(failure));
                } else {
                    ctx.offsets().putPending(producerId, o.groupId(), o.partition(), o.offset());
                }
            }
            return result;
        });
    }

    /** The offset records of a commit; a partition whose metadata is too large gets that error in {@code result} instead. */
    private List<StoredRecord> offsetRecords(OffsetCommitParams p, long now, long expire, Map<TopicPartition, GroupError> result) {
        List<StoredRecord> records = new ArrayList<>();
        for (Map.Entry<TopicPartition, OffsetCommitParams.Commit> e : p.offsets().entrySet()) {
            OffsetCommitParams.Commit c = e.getValue();
            String metadata = c.metadata() == null ? "" : c.metadata();
            if (metadata.getBytes(StandardCharsets.UTF_8).length > ctx.config().offsetMetadataMaxBytes()) {
                result.put(e.getKey(), GroupError.OFFSET_METADATA_TOO_LARGE);
                continue;
            }
            result.put(e.getKey(), GroupError.NONE);
            records.add(new StoredRecord.Offset(p.groupId(), e.getKey(), new CommittedOffset(c.offset(), c.leaderEpoch(), metadata, now, expire)));
        }
        return records;
    }

    private void validateCommit(OffsetCommitParams p) {
        if (p.groupId() == null || p.groupId().isEmpty()) {
            throw GroupError.INVALID_GROUP_ID.exception("the group id is empty");
        }
        Group g = ctx.group(p.groupId());
        if (g == null) {
            if (p.generationOrEpoch() >= 0) {
                throw (p.apiVersion() >= 9 ? GroupError.GROUP_ID_NOT_FOUND : GroupError.ILLEGAL_GENERATION)
                        .exception("group " + p.groupId() + " does not exist");
            }
            // A commit from outside any group (manual assignment, admin tools) makes an empty group.
            ctx.putGroup(new ClassicGroup(p.groupId(), ctx.nowMs()));
            return;
        }
        g.validateOffsetCommit(p.memberId(), p.groupInstanceId(), p.generationOrEpoch(), p.apiVersion(), p.offsets().keySet());
    }

    /** Applies a durable offset record (or tombstone) to the store; replay at load uses it too. */
    public void apply(StoredRecord.Offset r) {
        if (r.offset() == null) {
            ctx.offsets().remove(r.groupId(), r.partition());
        } else {
            ctx.offsets().put(r.groupId(), r.partition(), r.offset());
        }
    }

    // ---- OffsetFetch ----

    public OffsetFetchResult fetch(OffsetFetchParams p) {
        Group g = ctx.group(p.groupId());
        if (g != null && !g.isDead() && (p.memberId() != null || p.memberEpoch() >= 0)) {
            try {
                g.validateOffsetFetch(p.memberId(), p.memberEpoch());
            } catch (GroupException e) {
                return OffsetFetchResult.error(p.groupId(), e.error());
            }
        }
        OffsetStore store = ctx.offsets();
        List<OffsetFetchResult.PartitionOffset> out = new ArrayList<>();
        List<TopicPartition> wanted = p.partitions() != null ? p.partitions() : new ArrayList<>(store.offsets(p.groupId()).keySet());
        for (TopicPartition tp : wanted) {
            if (p.requireStable() && store.hasPending(p.groupId(), tp)) {
                out.add(OffsetFetchResult.PartitionOffset.none(tp, GroupError.UNSTABLE_OFFSET_COMMIT));
                continue;
            }
            CommittedOffset o = store.get(p.groupId(), tp);
            out.add(o == null ? OffsetFetchResult.PartitionOffset.none(tp, GroupError.NONE)
                    : new OffsetFetchResult.PartitionOffset(tp, o.offset(), o.leaderEpoch(), o.metadata(), GroupError.NONE));
        }
        return new OffsetFetchResult(p.groupId(), GroupError.NONE, out);
    }

    // ---- OffsetDelete ----

    /**
     * Deletes committed offsets of a group. The group must exist; partitions of topics its members
     * consume are refused ({@code GROUP_SUBSCRIBED_TO_TOPIC}).
     *
     * @return the error of each partition; fails with a {@link GroupException} for the whole request
     */
    public CompletableFuture<Map<TopicPartition, GroupError>> deleteOffsets(String groupId, List<TopicPartition> partitions) {
        Group g = ctx.group(groupId);
        if (g == null || g.isDead()) {
            return CompletableFuture.failedFuture(GroupError.GROUP_ID_NOT_FOUND.exception("group " + groupId + " does not exist"));
        }
        if (!g.isEmpty() && g.type() == GroupType.CLASSIC && !ClassicGroup.CONSUMER_PROTOCOL_TYPE.equals(g.protocolType())) {
            return CompletableFuture.failedFuture(GroupError.NON_EMPTY_GROUP.exception("group " + groupId + " has members"));
        }
        Map<TopicPartition, GroupError> result = new LinkedHashMap<>();
        List<StoredRecord> tombstones = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (!g.isEmpty() && g.isSubscribedTo(tp.topic())) {
                result.put(tp, GroupError.GROUP_SUBSCRIBED_TO_TOPIC);
                continue;
            }
            result.put(tp, GroupError.NONE);
            if (ctx.offsets().get(groupId, tp) != null) {
                tombstones.add(new StoredRecord.Offset(groupId, tp, null));
            }
        }
        if (tombstones.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return ctx.write(tombstones).thenApply(v -> {
            tombstones.forEach(r -> apply((StoredRecord.Offset) r));
            return result;
        });
    }

    // ---- DeleteGroups ----

    /** Deletes an empty group and all its offsets; completes with the error the client gets. */
    public CompletableFuture<GroupError> deleteGroup(String groupId) {
        Group g = ctx.group(groupId);
        if (g == null || g.isDead()) {
            return CompletableFuture.completedFuture(GroupError.GROUP_ID_NOT_FOUND);
        }
        if (!g.isEmpty()) {
            return CompletableFuture.completedFuture(GroupError.NON_EMPTY_GROUP);
        }
        return removeGroup(g, new ArrayList<>(ctx.offsets().offsets(groupId).keySet())).handle((v, e) -> e == null ? GroupError.NONE : errorOf(e));
    }

    /** Writes tombstones for the group and the given offsets; the group accepts nothing meanwhile and is gone once they are durable. */
    private CompletableFuture<Void> removeGroup(Group g, List<TopicPartition> offsets) {
        List<StoredRecord> tombstones = new ArrayList<>();
        offsets.forEach(tp -> tombstones.add(new StoredRecord.Offset(g.groupId(), tp, null)));
        tombstones.add(g.type() == GroupType.CLASSIC ? new StoredRecord.ClassicGroup(g.groupId(), null)
                : new StoredRecord.ConsumerGroup(g.groupId(), -1));
        g.markDead();
        return ctx.write(tombstones).whenComplete((v, e) -> {
            if (ctx.group(g.groupId()) == g) {
                ctx.removeGroup(g.groupId());
            }
            if (e == null) {
                ctx.offsets().removeGroup(g.groupId());
            }
        });
    }

    // ---- retention ----

    /**
     * Removes offsets past retention: those with their own expiry once it passed, and every offset
     * of an empty group {@code offsets.retention.minutes} after the later of its commit and the
     * moment the group became empty. An empty group left with no offsets is deleted.
     *
     * @return how many offsets expired
     */
    public int expireOffsets() {
        long now = ctx.nowMs();
        long retention = ctx.config().offsetsRetentionMs();
        int expired = 0;
        Set<String> groups = new HashSet<>(ctx.offsets().groups());
        for (String groupId : groups) {
            Group g = ctx.group(groupId);
            if (g != null && g.isDead()) {
                continue;
            }
            boolean empty = g == null || g.isEmpty();
            Map<TopicPartition, CommittedOffset> offsets = ctx.offsets().offsets(groupId);
            List<TopicPartition> gone = new ArrayList<>();
            for (Map.Entry<TopicPartition, CommittedOffset> e : offsets.entrySet()) {
                CommittedOffset o = e.getValue();
                long base = g == null ? o.commitTimestampMs() : Math.max(o.commitTimestampMs(), g.stateTimestampMs());
                boolean dead = o.expireTimestampMs() >= 0 ? now >= o.expireTimestampMs() : empty && now - base >= retention;
                if (dead && !ctx.offsets().hasPending(groupId, e.getKey())) {
                    gone.add(e.getKey());
                }
            }
            if (gone.isEmpty()) {
                continue;
            }
            expired += gone.size();
            LOGGER.info("Group {}: {} committed offsets expired", groupId, gone.size());
            if (empty && gone.size() == offsets.size() && g != null && !ctx.offsets().hasPending(groupId)) {
                removeGroup(g, gone);
            } else {
                List<StoredRecord> tombstones = new ArrayList<>();
                gone.forEach(tp -> tombstones.add(new StoredRecord.Offset(groupId, tp, null)));
                ctx.write(tombstones).thenRun(() -> tombstones.forEach(r -> apply((StoredRecord.Offset) r)));
            }
        }
        return expired;
    }

    static GroupError errorOf(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof GroupException ge ? ge.error() : GroupError.NOT_COORDINATOR;
    }
}
