package io.tributary.server.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's part of failover, run on the node that leads the metadata Raft group: a node
 * its Raft server has not heard from for {@code broker.session.timeout.ms} is dead; every partition
 * it led gets a new leader from the live members of the ISR (with a new leader epoch), and it
 * leaves the ISR of the partitions it followed. With no live ISR member the partition keeps no
 * leader, unless unclean election is enabled, which picks any live replica. A partition without a
 * leader gets one as soon as an ISR member is alive again. Writes are conditional on the state they
 * were computed from, so a leader's concurrent ISR change or a deposed controller loses cleanly.
 */
final class PartitionController {
    private static final Logger LOGGER = LoggerFactory.getLogger(PartitionController.class);

    private final PartitionStates states;
    private final ClusterView view;
    private final long sessionTimeoutMs;
    private final boolean unclean;

    PartitionController(PartitionStates states, ClusterView view, long sessionTimeoutMs, boolean unclean) {
        this.states = states;
        this.view = view;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.unclean = unclean;
    }

    void tick() {
        try {
            if (!view.isController()) {
                return;
            }
            Set<Integer> dead = view.silenceMs().entrySet().stream().filter(e -> e.getValue() > sessionTimeoutMs)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            states.all().forEach((tp, stored) -> {
                PartitionState next = decide(stored.state(), dead);
                if (next == null) {
                    next = stored.state().completedReassignment();
                    if (next != null) {
                        LOGGER.info("{}: reassignment to {} complete (leader {}, ISR {})", tp, next.replicas(), next.leader(), next.isr());
                        states.replace(tp, stored, next);
                    }
                } else {
                    LOGGER.info("{}: leader {} -> {} in epoch {}, ISR {} (dead nodes {})", tp, stored.state().leader(), next.leader(),
                            next.leaderEpoch(), next.isr(), dead);
                    states.replace(tp, stored, next);
                }
            });
        } catch (RuntimeException e) {
            LOGGER.warn("Controller pass failed; the next one retries", e);
        }
    }

    /** The state that moves {@code s} away from {@code dead} nodes, or null when it needs no change. */
    PartitionState decide(PartitionState s, Set<Integer> dead) {
        List<Integer> liveIsr = live(s.isr(), dead);
        boolean leaderGone = s.leader() < 0 || dead.contains(s.leader());
        if (!leaderGone) {
            // the leader lives: a dead follower leaves the ISR (the leader would drop it after the lag time anyway)
            return liveIsr.size() < s.isr().size() && !liveIsr.isEmpty() ? s.withIsr(liveIsr) : null;
        }
        if (!liveIsr.isEmpty()) {
            return s.withLeader(liveIsr.get(0), liveIsr);
        }
        List<Integer> liveReplicas = live(s.replicas(), dead);
        if (unclean && !liveReplicas.isEmpty()) {
            return s.withLeader(liveReplicas.get(0), List.of(liveReplicas.get(0)));
        }
        // nobody in sync is alive: keep the last ISR (so its first member to return leads) and no leader
        return s.leader() < 0 ? null : s.withLeader(-1, s.isr());
    }

    private static List<Integer> live(List<Integer> nodes, Set<Integer> dead) {
        List<Integer> out = new ArrayList<>();
        for (int n : nodes) {
            if (!dead.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
