package io.tributary.amqp.v10.tx;

import io.tributary.exchanges.Destination;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.store.QueueEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * One declared transaction: the publishes to route and the outcomes to apply when it commits. Until then
 * nothing is visible: published messages are not routed, settled deliveries stay with the link's queue
 * as unacknowledged.
 */
public final class Transaction {
    /** An outcome given inside the transaction for a delivered entry. */
    private record Settlement(ConsumableQueue queue, QueueEntry entry, DeliveryState outcome) {
    }

    private final List<Supplier<CompletableFuture<Void>>> publishes = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();

    /** Buffers a publish; {@code route} runs at commit and completes when the message is safe. */
    public void publish(Supplier<CompletableFuture<Void>> route) {
        publishes.add(route);
    }

    /** Buffers a receiver's outcome for an entry of {@code queue}. */
    public void settle(ConsumableQueue queue, QueueEntry entry, DeliveryState outcome) {
        settlements.add(new Settlement(queue, entry, outcome));
    }

    /**
     * Routes the publishes and applies the outcomes (with {@code apply}).
     *
     * @return completes when every published message is safe
     */
    public CompletableFuture<Void> commit(Outcome apply) {
        List<CompletableFuture<Void>> safe = new ArrayList<>(publishes.size());
        for (Supplier<CompletableFuture<Void>> p : publishes) {
            CompletableFuture<Void> f = p.get();
            if (f != Destination.ACCEPTED) {
                safe.add(f);
            }
        }
        publishes.clear();
        for (Settlement s : settlements) {
            apply.apply(s.queue(), s.entry(), s.outcome());
        }
        settlements.clear();
        return safe.isEmpty() ? Destination.ACCEPTED : CompletableFuture.allOf(safe.toArray(CompletableFuture[]::new));
    }

    /** Drops the publishes and hands the settled entries to {@code requeue} (a failed delivery: back to its queue). */
    public void rollback(Outcome requeue) {
        publishes.clear();
        for (Settlement s : settlements) {
            requeue.apply(s.queue(), s.entry(), s.outcome());
        }
        settlements.clear();
    }

    /** How a settlement is applied at commit. */
    @FunctionalInterface
    public interface Outcome {
        void apply(ConsumableQueue queue, QueueEntry entry, DeliveryState outcome);
    }
}
