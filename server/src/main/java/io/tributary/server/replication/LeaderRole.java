package io.tributary.server.replication;

import io.tributary.logstore.PartitionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node leads one partition in one leader epoch: it tracks each follower's progress and keeps
 * the log's high-watermark bound at the lowest offset the in-sync followers have durably fetched
 * (the log itself never lets the high watermark pass its own fsynced end), so a consumer never
 * sees, and {@code acks=all} never confirms, a record that a surviving ISR member could lack.
 */
final class LeaderRole {
    final PartitionLog log;
    final int leaderEpoch;
    /** The log end when this node became leader: a follower joins the ISR only once it has reached it. */
    final long epochStartOffset;
    private final int self;
    private final Map<Integer, FollowerProgress> followers = new ConcurrentHashMap<>();
    private volatile List<Integer> isr;
    /** An ISR change of ours is in flight: no second one until the store has answered. */
    volatile boolean isrChangePending;

    LeaderRole(int self, PartitionLog log, int leaderEpoch, List<Integer> replicas, List<Integer> isr, long nowMs) {
        this.self = self;
        this.log = log;
        this.leaderEpoch = leaderEpoch;
        this.epochStartOffset = log.logEndOffset();
        this.isr = List.copyOf(isr);
        for (int r : replicas) {
            if (r != self) {
                // unknown progress: assume the high watermark (it cannot go lower), caught up as of now
                followers.put(r, new FollowerProgress(log.highWatermark(), nowMs));
            }
        }
        updateBound();
    }

    List<Integer> isr() {
        return isr;
    }

    /** The replicas changed in this epoch (a reassignment): track the new ones, forget the removed ones. */
    void replicas(List<Integer> replicas, long nowMs) {
        for (int r : replicas) {
            if (r != self) {
                followers.computeIfAbsent(r, id -> new FollowerProgress(0, nowMs));
            }
        }
        followers.keySet().retainAll(replicas);
    }

    void isr(List<Integer> newIsr) {
        isr = List.copyOf(newIsr);
        updateBound();
    }

    /** A follower's fetch; true when it should now join the ISR. */
    boolean onFetch(int replicaId, long fetchOffset, long nowMs) {
        FollowerProgress p = followers.get(replicaId);
        if (p == null) {
            return false; // not a replica of this partition
        }
        p.onFetch(fetchOffset, log.logEndOffset(), nowMs);
        updateBound();
        return !isr.contains(replicaId) && fetchOffset >= log.highWatermark() && fetchOffset >= epochStartOffset;
    }

    /** The in-sync followers that have not been caught up for longer than {@code lagMaxMs}. */
    List<Integer> laggards(long nowMs, long lagMaxMs) {
        List<Integer> out = new ArrayList<>();
        for (int r : isr) {
            FollowerProgress p = followers.get(r);
            if (r != self && p != null && nowMs - p.lastCaughtUpMs() > lagMaxMs) {
                out.add(r);
            }
        }
        return out;
    }

    private void updateBound() {
        long bound = Long.MAX_VALUE;
        for (int r : isr) {
            FollowerProgress p = followers.get(r);
            if (r != self && p != null) {
                bound = Math.min(bound, p.fetchOffset());
            }
        }
        log.updateHighWatermarkBound(bound);
    }
}
