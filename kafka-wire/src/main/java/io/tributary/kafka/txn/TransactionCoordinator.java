package io.tributary.kafka.txn;

import io.tributary.kafka.producer.ProducerIdManager;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's transaction coordinator for this node: hands out producer ids and epochs per
 * transactional id (a new session fences the old one by bumping the epoch), tracks each
 * transaction's partitions, and ends it by writing commit or abort markers to all of them. Every
 * state change is written to {@code __transaction_state} before it is acknowledged, so a restart
 * resumes where it stood: transactions caught between prepare and complete get their markers again.
 *
 * <p>Threading: all state lives on one thread; each public method submits there and returns a
 * future. While a transactional id waits for a write, other operations on it are answered
 * {@code CONCURRENT_TRANSACTIONS}, which clients retry.
 */
public final class TransactionCoordinator implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(TransactionCoordinator.class);
    private static final long RETRY_MS = 500;

    /** InitProducerId's answer. */
    public record InitResult(TxnError error, long producerId, short producerEpoch) {
        static InitResult failed(TxnError e) {
            return new InitResult(e, -1, (short) -1);
        }
    }

    /** Limits and periods, Kafka's {@code transaction.*} broker configs. */
    public record Settings(int maxTimeoutMs, long abortTimedOutIntervalMs, long idExpirationMs) {
    }

    private final TransactionStateLog log;
    private final MarkerWriter markers;
    private final ProducerIdManager producerIds;
    private final Settings settings;
    private final LongSupplier clock;
    private final ScheduledExecutorService thread;
    private final Map<String, Entry> entries = new HashMap<>();
    private volatile boolean loaded;
    /** True while this node coordinates (always on one node; in a cluster while it leads the transaction log). */
    private volatile boolean leading;
    /** Counts elections and resignations (coordinator thread), so that a load retry of an earlier term stops. */
    private int generation;

    /** A transactional id's state plus whether an operation on it is waiting for a write. */
    private static final class Entry {
        final TransactionMetadata m;
        boolean busy;

        Entry(TransactionMetadata m) {
            this.m = m;
        }
    }

    public TransactionCoordinator(TransactionStateLog log, MarkerWriter markers, ProducerIdManager producerIds, Settings settings,
            LongSupplier clock) {
        this.log = log;
        this.markers = markers;
        this.producerIds = producerIds;
        this.settings = settings;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "txn-coordinator");
            t.setDaemon(true);
            return t;
        });
    }

    /** On one node: this node coordinates every transaction. Loads the log and starts the timeout checks. */
    public CompletableFuture<Void> start() {
        scheduleTimeoutChecks();
        return elect();
    }

    /** In a cluster: coordinates nothing until {@link #elect elected} (its node leads {@code __transaction_state}). */
    public void startFollowing() {
        scheduleTimeoutChecks();
    }

    private void scheduleTimeoutChecks() {
        long every = settings.abortTimedOutIntervalMs();
        thread.scheduleWithFixedDelay(this::abortTimedOutAndExpire, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * This node now leads the transaction log: replays it (the previous coordinator's acknowledged
     * state is all there), resumes interrupted commits and aborts. Requests meanwhile are answered
     * {@code COORDINATOR_LOAD_IN_PROGRESS}.
     */
    public CompletableFuture<Void> elect() {
        return CompletableFuture.runAsync(() -> {
            int generation = ++this.generation;
            leading = true;
            loaded = false;
            entries.clear();
            try {
                load();
            } catch (RuntimeException e) {
                LOGGER.warn("Could not load the transaction log; retrying", e);
                thread.schedule(() -> {
                    if (this.generation == generation) {
                        elect();
                    }
                }, RETRY_MS, TimeUnit.MILLISECONDS);
            }
        }, thread);
    }

    /** This node no longer leads the transaction log: it forgets its state and sends clients to the new coordinator. */
    public CompletableFuture<Void> resign() {
        return CompletableFuture.runAsync(() -> {
            generation++;
            boolean was = leading;
            leading = false;
            loaded = false;
            entries.clear();
            if (was) {
                LOGGER.info("No longer the transaction coordinator");
            }
        }, thread);
    }

    private void load() {
        log.replay((key, value) -> {
            String id = TransactionLogFormat.transactionalId(key);
            if (id == null) {
                return;
            }
            TransactionSnapshot s = value == null ? null : TransactionLogFormat.snapshot(id, value);
            if (s == null) {
                entries.remove(id);
            } else {
                entries.put(id, new Entry(TransactionMetadata.of(s)));
            }
        });
        loaded = true;
        LOGGER.info("Transaction coordinator loaded {} transactional ids", entries.size());
        for (Entry e : entries.values()) {
            if (e.m.state.preparing()) {
                e.busy = true;
                writeMarkersThenComplete(e, e.m.state == TxnState.PREPARE_COMMIT, new CompletableFuture<>());
            }
        }
    }

    /** An entry of an earlier term of this coordinator (it resigned or was re-elected since): its retries stop. */
    private boolean stale(Entry e) {
        return entries.get(e.m.transactionalId) != e;
    }

    // ---- InitProducerId ----

    public CompletableFuture<InitResult> initProducerId(String id, int timeoutMs, long expectedPid, short expectedEpoch) {
        return onThread(() -> {
            if (!leading) {
                return CompletableFuture.completedFuture(InitResult.failed(TxnError.NOT_COORDINATOR));
            }
            if (!loaded) {
                return CompletableFuture.completedFuture(InitResult.failed(TxnError.COORDINATOR_LOAD_IN_PROGRESS));
            }
            if (timeoutMs <= 0 || timeoutMs > settings.maxTimeoutMs()) {
                return CompletableFuture.completedFuture(InitResult.failed(TxnError.INVALID_TRANSACTION_TIMEOUT));
            }
            Entry e = entries.get(id);
            if (e == null) {
                return create(id, timeoutMs);
            }
            if (e.busy || e.m.state.preparing()) {
                return CompletableFuture.completedFuture(InitResult.failed(TxnError.CONCURRENT_TRANSACTIONS));
            }
            if (expectedPid >= 0 && (expectedPid != e.m.producerId || expectedEpoch != e.m.producerEpoch)) {
                return CompletableFuture.completedFuture(InitResult.failed(TxnError.PRODUCER_FENCED));
            }
            if (e.m.state == TxnState.ONGOING) {
                // A new session of the same id: fence the old producer and abort what it left open.
                CompletableFuture<TxnError> aborted = new CompletableFuture<>();
                fenceAndAbort(e, aborted);
                return aborted.thenCompose(err -> initProducerId(id, timeoutMs, -1, (short) -1));
            }
            return newSession(e, timeoutMs);
        });
    }

    private CompletableFuture<InitResult> create(String id, int timeoutMs) {
        Entry e = new Entry(new TransactionMetadata(id, -1, (short) 0, timeoutMs, TxnState.EMPTY, clock.getAsLong()));
        e.busy = true;
        entries.put(id, e);
        return producerIds.next().thenComposeAsync(pid -> {
            e.m.producerId = pid;
            return persist(e).thenApplyAsync(v -> {
                e.busy = false;
                return new InitResult(TxnError.NONE, pid, (short) 0);
            }, thread);
        }, thread).exceptionally(t -> {
            entries.remove(id);
            LOGGER.warn("InitProducerId for transactional id {} failed", id, t);
            return InitResult.failed(TxnError.COORDINATOR_NOT_AVAILABLE);
        });
    }

    /** A new producer session: the next epoch (a new producer id once epochs run out), no open transaction. */
    private CompletableFuture<InitResult> newSession(Entry e, int timeoutMs) {
        e.busy = true;
        CompletableFuture<Long> pid = e.m.producerEpoch >= Short.MAX_VALUE - 1 ? producerIds.next()
                : CompletableFuture.completedFuture(e.m.producerId);
        return pid.thenComposeAsync(p -> {
            e.m.producerEpoch = p == e.m.producerId ? (short) (e.m.producerEpoch + 1) : 0;
            e.m.producerId = p;
            e.m.timeoutMs = timeoutMs;
            e.m.state = TxnState.EMPTY;
            e.m.partitions.clear();
            e.m.startMs = -1;
            return persist(e).thenApplyAsync(v -> {
                e.busy = false;
                return new InitResult(TxnError.NONE, e.m.producerId, e.m.producerEpoch);
            }, thread);
        }, thread).exceptionally(t -> {
            e.busy = false;
            LOGGER.warn("InitProducerId for transactional id {} failed", e.m.transactionalId, t);
            return InitResult.failed(TxnError.COORDINATOR_NOT_AVAILABLE);
        });
    }

    // ---- AddPartitionsToTxn / AddOffsetsToTxn ----

    /** Adds partitions to the producer's transaction, beginning one if none is open. */
    public CompletableFuture<TxnError> addPartitions(String id, long pid, short epoch, Collection<TopicPartition> partitions) {
        return onThread(() -> {
            Entry e = entries.get(id);
            TxnError invalid = checkProducer(e, pid, epoch);
            if (invalid != TxnError.NONE) {
                return CompletableFuture.completedFuture(invalid);
            }
            if (e.m.state == TxnState.ONGOING && e.m.partitions.containsAll(partitions)) {
                return CompletableFuture.completedFuture(TxnError.NONE);
            }
            if (e.m.state != TxnState.ONGOING) {
                e.m.state = TxnState.ONGOING;
                e.m.startMs = clock.getAsLong();
            }
            e.m.partitions.addAll(partitions);
            e.busy = true;
            return persist(e).handleAsync((v, t) -> {
                e.busy = false;
                return t == null ? TxnError.NONE : TxnError.COORDINATOR_NOT_AVAILABLE;
            }, thread);
        });
    }

    /** True when {@code partition} is in the producer's open transaction (Produce checks transactional batches). */
    public CompletableFuture<Boolean> inTransaction(String id, long pid, short epoch, TopicPartition partition) {
        return onThread(() -> {
            Entry e = entries.get(id);
            return CompletableFuture.completedFuture(e != null && e.m.producerId == pid && e.m.producerEpoch == epoch
                    && e.m.state == TxnState.ONGOING && e.m.partitions.contains(partition));
        });
    }

    // ---- EndTxn ----

    public CompletableFuture<TxnError> endTransaction(String id, long pid, short epoch, boolean commit) {
        return onThread(() -> {
            Entry e = entries.get(id);
            TxnError invalid = checkProducer(e, pid, epoch);
            if (invalid != TxnError.NONE) {
                return CompletableFuture.completedFuture(invalid);
            }
            TxnState s = e.m.state;
            if (s == TxnState.COMPLETE_COMMIT || s == TxnState.COMPLETE_ABORT) {
                // A retry of an EndTxn that completed: fine if it asks for the same outcome.
                boolean same = (s == TxnState.COMPLETE_COMMIT) == commit;
                return CompletableFuture.completedFuture(same ? TxnError.NONE : TxnError.INVALID_TXN_STATE);
            }
            if (s != TxnState.ONGOING) {
                return CompletableFuture.completedFuture(TxnError.INVALID_TXN_STATE);
            }
            CompletableFuture<TxnError> done = new CompletableFuture<>();
            prepare(e, commit, done);
            return done;
        });
    }

    private TxnError checkProducer(Entry e, long pid, short epoch) {
        if (!leading) {
            return TxnError.NOT_COORDINATOR;
        }
        if (!loaded) {
            return TxnError.COORDINATOR_LOAD_IN_PROGRESS;
        }
        if (e == null || e.m.producerId != pid) {
            return TxnError.INVALID_PRODUCER_ID_MAPPING;
        }
        if (epoch != e.m.producerEpoch) {
            return TxnError.PRODUCER_FENCED;
        }
        if (e.busy || e.m.state.preparing()) {
            return TxnError.CONCURRENT_TRANSACTIONS;
        }
        return TxnError.NONE;
    }

    /** Bumps the epoch (so the old producer is fenced by every partition's marker) and aborts. */
    private void fenceAndAbort(Entry e, CompletableFuture<TxnError> done) {
        if (e.m.producerEpoch < Short.MAX_VALUE - 1) {
            e.m.producerEpoch++;
        }
        prepare(e, false, done);
    }

    /** PrepareCommit/PrepareAbort is made durable, then the markers are written, then Complete*. */
    private void prepare(Entry e, boolean commit, CompletableFuture<TxnError> done) {
        e.busy = true;
        e.m.state = commit ? TxnState.PREPARE_COMMIT : TxnState.PREPARE_ABORT;
        persist(e).whenCompleteAsync((v, t) -> {
            if (t != null && stale(e)) {
                done.complete(TxnError.NOT_COORDINATOR);
                return;
            }
            if (t != null) {
                LOGGER.warn("Could not record the {} of transactional id {}; retrying", commit ? "commit" : "abort", e.m.transactionalId, t);
                thread.schedule(() -> prepare(e, commit, done), RETRY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            writeMarkersThenComplete(e, commit, done);
        }, thread);
    }

    private void writeMarkersThenComplete(Entry e, boolean commit, CompletableFuture<TxnError> done) {
        markers.write(e.m.producerId, e.m.producerEpoch, commit, List.copyOf(e.m.partitions)).whenCompleteAsync((v, t) -> {
            if (stale(e)) {
                // a new coordinator (maybe this node again) resumes from the log: PREPARE_* is there
                done.complete(TxnError.NOT_COORDINATOR);
                return;
            }
            if (t != null) {
                LOGGER.warn("Writing the {} markers of transactional id {} failed; retrying", commit ? "commit" : "abort",
                        e.m.transactionalId, t);
                thread.schedule(() -> writeMarkersThenComplete(e, commit, done), RETRY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            e.m.state = commit ? TxnState.COMPLETE_COMMIT : TxnState.COMPLETE_ABORT;
            e.m.partitions.clear();
            e.m.startMs = -1;
            persist(e).whenCompleteAsync((v2, t2) -> {
                // The markers are durable: the outcome is decided even if this record is lost (recovery rewrites the markers).
                e.busy = false;
                done.complete(TxnError.NONE);
            }, thread);
        }, thread);
    }

    // ---- timeouts, expiry ----

    private void abortTimedOutAndExpire() {
        if (!leading || !loaded) {
            return;
        }
        long now = clock.getAsLong();
        List<String> expired = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.busy) {
                continue;
            }
            if (e.m.timedOut(now)) {
                LOGGER.info("Aborting the transaction of {} (producer {}): open longer than its timeout of {} ms", e.m.transactionalId,
                        e.m.producerId, e.m.timeoutMs);
                fenceAndAbort(e, new CompletableFuture<>());
            } else if (e.m.state.idle() && now - e.m.lastUpdateMs > settings.idExpirationMs()) {
                expired.add(e.m.transactionalId);
            }
        }
        for (String id : expired) {
            entries.remove(id);
            log.append(TransactionLogFormat.key(id), null);
        }
    }

    // ---- Describe / List ----

    /** The state of each id, or empty for an id this coordinator does not know. */
    public CompletableFuture<Map<String, Optional<TransactionSnapshot>>> describe(Collection<String> ids) {
        return onThread(() -> {
            Map<String, Optional<TransactionSnapshot>> out = new HashMap<>();
            for (String id : ids) {
                Entry e = entries.get(id);
                out.put(id, e == null ? Optional.empty() : Optional.of(e.m.snapshot()));
            }
            return CompletableFuture.completedFuture(out);
        });
    }

    /** Every id whose state passes {@code filter}. */
    public CompletableFuture<List<TransactionSnapshot>> list(Predicate<TransactionSnapshot> filter) {
        return onThread(() -> {
            List<TransactionSnapshot> out = new ArrayList<>();
            for (Entry e : entries.values()) {
                TransactionSnapshot s = e.m.snapshot();
                if (filter.test(s)) {
                    out.add(s);
                }
            }
            return CompletableFuture.completedFuture(out);
        });
    }

    public boolean isLoaded() {
        return loaded;
    }

    private CompletableFuture<Void> persist(Entry e) {
        e.m.lastUpdateMs = clock.getAsLong();
        return log.append(TransactionLogFormat.key(e.m.transactionalId), TransactionLogFormat.value(e.m.snapshot()));
    }

    private <T> CompletableFuture<T> onThread(java.util.function.Supplier<CompletableFuture<T>> work) {
        return CompletableFuture.supplyAsync(work, thread).thenCompose(f -> f);
    }

    /** The partitions a coordinator-side operation may name: used by tests to check state. */
    Set<TopicPartition> partitionsOf(String id) {
        Entry e = entries.get(id);
        return e == null ? Set.of() : Set.copyOf(e.m.partitions);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
