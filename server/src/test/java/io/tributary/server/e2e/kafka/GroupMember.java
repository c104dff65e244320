package io.tributary.server.e2e.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One member of a consumer group, as an application runs it: a {@link KafkaConsumer} polling on its
 * own thread, processing each record (recording who consumed it) and committing what it processed
 * synchronously after every poll and before giving partitions up, so that no record is processed
 * twice across rebalances (a commit refused because a cooperative rebalance is under way is made
 * again after the next poll). What it owns is published after every poll for tests to wait on.
 */
final class GroupMember implements AutoCloseable {
    private final String name;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, List<String>> consumedBy;
    private final Thread thread;
    private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger assignments = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * @param consumedBy value → names of the members that processed it (shared by the group's members)
     */
    GroupMember(String name, KafkaConsumer<String, String> consumer, String topic, Map<String, List<String>> consumedBy) {
        this.name = name;
        this.consumer = consumer;
        this.consumedBy = consumedBy;
        this.thread = new Thread(() -> run(topic), "group-member-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    static Map<String, List<String>> newLedger() {
        return new ConcurrentHashMap<>();
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commitProcessed();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignments.incrementAndGet();
                }
            });
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> r : records) {
                    consumedBy.computeIfAbsent(r.value(), v -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(name);
                    processed.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    count.incrementAndGet();
                }
                try {
                    commitProcessed();
                } catch (RebalanceInProgressException e) {
                    // A cooperative rebalance is under way (poll returned while the member rejoins): the offsets stay
                    // in processed and go with the next commit, at the latest before the partitions are revoked.
                }
                assignment.set(Set.copyOf(consumer.assignment()));
            }
        } catch (WakeupException e) {
            // stop() woke the poll up
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            assignment.set(Set.of());
            stopped.countDown();
        }
    }

    private void commitProcessed() {
        if (!processed.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(processed);
            consumer.commitSync(offsets);
            offsets.keySet().forEach(tp -> processed.remove(tp, offsets.get(tp)));
        }
    }

    String name() {
        return name;
    }

    /** The partitions it owned after its latest poll. */
    Set<TopicPartition> assignment() {
        return assignment.get();
    }

    /** Records it processed so far. */
    int consumed() {
        return count.get();
    }

    /** How many times a rebalance handed it its partitions ({@code onPartitionsAssigned}). */
    int assignmentsReceived() {
        return assignments.get();
    }

    /** What made its thread stop, if anything did. */
    Throwable failure() {
        return failure.get();
    }

    /** Leaves the group (as an application does when it shuts down) and waits until it has. */
    @Override
    public void close() {
        running = false;
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                consumer.wakeup();
                stopped.await(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
