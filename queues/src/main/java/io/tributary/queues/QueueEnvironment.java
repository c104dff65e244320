package io.tributary.queues;

import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.logstore.time.Scheduler;
import io.tributary.logstore.time.Time;
import io.tributary.queues.store.QueueStores;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every queue of a broker shares: where journals live, the executors actors run on, the
 * clock and the timer for TTLs and {@code x-expires}, the virtual hosts (dead letters are routed
 * there), and how a queue deletes itself from its virtual host (auto-delete, {@code x-expires}).
 *
 * @param executors hands out the executor for each new queue's actor (a pool of queue threads: a
 *     queue does disk I/O, so it never runs on a network event loop)
 * @param selfDelete removes a queue from its virtual host; called on the queue's actor
 */
public record QueueEnvironment(QueueStores stores, Supplier<Executor> executors, Time time, Scheduler scheduler,
                               VirtualHosts vhosts, Consumer<Queue> selfDelete) {
}
