package io.tributary.server.quorum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads quorum queue leaders over the nodes (RabbitMQ's {@code rabbitmq-queues rebalance quorum},
 * {@code POST /api/rebalance/queues}). Leaders pile up where a queue was declared, or on the nodes
 * that stayed up through a rolling restart. The plan moves leaders one at a time: a queue whose
 * leader's node leads at least two more queues than one of the queue's other members hands its
 * leadership to the member that leads fewest. Every move brings the counts closer, so the plan ends.
 */
public final class QuorumRebalance {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuorumRebalance.class);

    /** One planned move: the queue's leadership from one node to another. */
    public record Move(QuorumQueue queue, int from, int to) {
    }

    private QuorumRebalance() {
    }

    /** Asks every queue for its leader, plans, and makes the moves; completes with the moves made (a failed one is logged and left out). */
    public static CompletableFuture<List<Move>> run(List<QuorumQueue> queues) {
        Map<QuorumQueue, CompletableFuture<Integer>> asked = new HashMap<>();
        queues.forEach(q -> asked.put(q, q.currentLeader().exceptionally(e -> -1)));
        return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new)).thenCompose(v -> {
            Map<QuorumQueue, Integer> leaders = new HashMap<>();
            asked.forEach((q, f) -> leaders.put(q, f.join()));
            List<Move> plan = plan(queues, leaders);
            List<CompletableFuture<Move>> moves = new ArrayList<>();
            for (Move m : plan) {
                moves.add(m.queue().transferLeadership(m.to()).handle((x, e) -> {
                    if (e != null) {
                        LOGGER.warn("Rebalancing: {} stays led by node {} ({})", m.queue(), m.from(), e.getMessage());
                        return null;
                    }
                    return m;
                }));
            }
            return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new))
                    .thenApply(x -> moves.stream().map(CompletableFuture::join).filter(m -> m != null).toList());
        }).thenApply(done -> {
            LOGGER.info("Rebalanced the leaders of {} quorum queues: {} moved", queues.size(), done.size());
            return done;
        });
    }

    /** The moves that even out the leader counts, given each queue's leader (-1: unknown, left alone). */
    static List<Move> plan(List<QuorumQueue> queues, Map<QuorumQueue, Integer> leaders) {
        Map<Integer, Integer> led = new HashMap<>();
        for (QuorumQueue q : queues) {
            q.members().forEach(n -> led.putIfAbsent(n, 0));
            int l = leaders.getOrDefault(q, -1);
            if (l >= 0) {
                led.merge(l, 1, Integer::sum);
            }
        }
        List<QuorumQueue> order = new ArrayList<>(queues);
        order.sort(Comparator.comparing((QuorumQueue q) -> q.definition().vhost()).thenComparing(QuorumQueue::name));
        List<Move> out = new ArrayList<>();
        Map<QuorumQueue, Integer> now = new HashMap<>(leaders);
        boolean moved = true;
        while (moved) {
            moved = false;
            for (QuorumQueue q : order) {
                int l = now.getOrDefault(q, -1);
                if (l < 0 || !q.members().contains(l)) {
                    continue;
                }
                int best = q.members().stream().min(Comparator.comparing((Integer n) -> led.getOrDefault(n, 0)).thenComparing(n -> n))
                        .orElse(l);
                if (led.get(l) >= led.getOrDefault(best, 0) + 2) {
                    led.merge(l, -1, Integer::sum);
                    led.merge(best, 1, Integer::sum);
                    now.put(q, best);
                    out.removeIf(m -> m.queue() == q); // moved twice: one transfer to where it ends
                    int from = leaders.get(q);
                    if (from != best) {
                        out.add(new Move(q, from, best));
                    }
                    moved = true;
                }
            }
        }
        return out;
    }
}
