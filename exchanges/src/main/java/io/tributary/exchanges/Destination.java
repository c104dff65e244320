package io.tributary.exchanges;

import io.tributary.exchanges.message.Message;
import java.util.concurrent.CompletableFuture;

/**
 * Where exchanges deliver: a queue (queues/) now, a log-backed stream (server/) later. The router
 * knows only this contract.
 *
 * <p>{@link #accept} may be called from any thread, concurrently. It must not block: it hands the
 * message to the destination's own executor and returns a future that completes when the message
 * is safe by the destination's durability rule (in the queue for transient messages; fsynced for
 * persistent ones in a durable queue). Publisher confirms complete from that future, never earlier.
 * A destination that refuses the message completes it exceptionally with
 * {@link io.tributary.exchanges.error.RejectedException}.
 */
public interface Destination {
    /** The future a destination returns when the message is already safe; callers must not complete it. */
    CompletableFuture<Void> ACCEPTED = CompletableFuture.completedFuture(null);

    /** The destination's name within its virtual host. */
    String name();

    /** How it was declared. */
    QueueDefinition definition();

    /**
     * Completes once the destination can be used (a stream's topic exists); its declaration is
     * confirmed then. Most destinations are ready at once.
     */
    default CompletableFuture<Void> ready() {
        return ACCEPTED;
    }

    /** Takes a routed message. */
    CompletableFuture<Void> accept(Message message);

    /**
     * True when the destination asks publishers to slow down: its backlog is over its limit. A
     * protocol stops reading from a publisher that routed to a congested destination (AMQP 0-9-1
     * credit flow) until {@link #whenUncongested} runs. Cheap and callable from any thread.
     */
    default boolean congested() {
        return false;
    }

    /** Runs {@code task} (on any thread) once the destination is no longer congested, or at once. */
    default void whenUncongested(Runnable task) {
        task.run();
    }

    /**
     * Called once, after the virtual host removed this destination and its bindings: cancel
     * consumers, release resources. The future completes with the number of messages dropped.
     */
    CompletableFuture<Long> deleted();
}
