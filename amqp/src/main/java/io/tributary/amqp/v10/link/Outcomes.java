package io.tributary.amqp.v10.link;

import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.store.QueueEntry;
import java.util.List;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * What a receiver's outcome does to a delivered queue entry, as in RabbitMQ 4: {@code accepted} (or
 * none) acknowledges; {@code rejected} drops it (the queue's reject-without-requeue, which dead-letters
 * where the queue has a dead-letter exchange); {@code released} requeues it; {@code modified} requeues
 * it, counting a failed delivery when {@code delivery-failed}, or drops it like {@code rejected} when
 * {@code undeliverable-here}.
 */
public final class Outcomes {
    private Outcomes() {
    }

    /**
     * A delivery that failed without an outcome (rolled back, or unsettled when its link or connection
     * went): back to the queue, counted in the next delivery's {@code delivery-count}.
     */
    public static void failed(ConsumableQueue queue, QueueEntry entry, DeliveryState ignored) {
        DeliveryFailures.increment(entry);
        queue.requeue(List.of(entry));
    }

    public static void apply(ConsumableQueue queue, QueueEntry entry, DeliveryState outcome) {
        List<QueueEntry> one = List.of(entry);
        if (outcome instanceof Rejected) {
            queue.discard(one);
        } else if (outcome instanceof Released) {
            queue.requeue(one);
        } else if (outcome instanceof Modified m) {
            if (Boolean.TRUE.equals(m.getDeliveryFailed())) {
                DeliveryFailures.increment(entry);
            }
            if (Boolean.TRUE.equals(m.getUndeliverableHere())) {
                queue.discard(one);
            } else {
                queue.requeue(one);
            }
        } else {
            queue.ack(one);
        }
    }
}
