package io.tributary.kafka.group;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory partition of {@code __consumer_offsets}: appends are kept in order and become
 * durable at once, or only when the test says so ({@link #holdDurability}, {@link #makeDurable}).
 */
public class MemoryCoordinatorLog implements CoordinatorLog {
    private final int partition;
    private final List<RawRecord> records = new ArrayList<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private boolean hold;
    private RuntimeException failAppends;

    MemoryCoordinatorLog(int partition) {
        this.partition = partition;
    }

    /** From now on appends wait for {@link #makeDurable()}. */
    public void holdDurability() {
        hold = true;
    }

    /** Completes every waiting append. */
    public void makeDurable() {
        hold = false;
        List<CompletableFuture<Void>> done = new ArrayList<>(pending);
        pending.clear();
        done.forEach(f -> f.complete(null));
    }

    public void failAppendsWith(RuntimeException e) {
        failAppends = e;
    }

    public List<RawRecord> records() {
        return records;
    }

    @Override
    public CompletableFuture<Void> append(List<RawRecord> batch) {
        if (failAppends != null) {
            return CompletableFuture.failedFuture(failAppends);
        }
        records.addAll(batch);
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (hold) {
            pending.add(f);
        } else {
            f.complete(null);
        }
        return f;
    }

    /** Transactional batches of each producer, as appended (their markers are the test's to apply). */
    public final List<Long> transactionalProducers = new ArrayList<>();

    @Override
    public CompletableFuture<Void> appendTransactional(List<RawRecord> batch, long producerId, short producerEpoch) {
        transactionalProducers.add(producerId);
        return append(batch);
    }

    @Override
    public CompletableFuture<Void> awaitDurable() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void replay(ReplaySink sink) {
        records.forEach(r -> sink.record(r, -1));
    }

    @Override
    public int partition() {
        return partition;
    }
}
