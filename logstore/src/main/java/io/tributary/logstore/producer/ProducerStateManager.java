package io.tributary.logstore.producer;

import io.tributary.logstore.InvalidProducerEpochException;
import io.tributary.logstore.OutOfOrderSequenceException;
import io.tributary.logstore.record.BatchHeader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The producers of one partition: for each producer id its epoch and last five batches, and the
 * open transactions. An append is first {@link #check checked} (duplicate, fenced epoch, sequence
 * gap) without changing anything, then, once written, {@link #update applied} batch by batch.
 *
 * <p>Confined to the owning log's lock.
 */
public final class ProducerStateManager {
    private final String logName;
    private final Map<Long, ProducerStateEntry> producers = new HashMap<>();
    /** Open transactions: first offset to producer id. */
    private final TreeMap<Long, Long> ongoingTxns = new TreeMap<>();
    /** The state reflects every batch below this offset. */
    private long mapEndOffset;

    /** Whether idle producers were dropped since this state was built: they may come back mid-sequence. */
    private boolean expiredAny;

    public ProducerStateManager(String logName) {
        this.logName = logName;
    }

    /**
     * Checks the batches of one client append against the producers' state, in order.
     *
     * @param fromClient false for the coordinators' own writes (markers, transactional offset commits):
     *     as in Kafka, only their epoch is checked, not duplicates or sequences
     * @param mayHaveForgotten true when producers could have left this state without a trace (the log's
     *     head was removed, records compacted away, idle producers expired): then a producer unknown here
     *     may start at any sequence, as Kafka allows. Otherwise an unknown producer must start at
     *     sequence 0, so that when its first batch was refused (this node was not leader yet) and a later
     *     pipelined one arrives first, the later one is refused too ({@code OUT_OF_ORDER_SEQUENCE_NUMBER},
     *     which the client retries after the earlier batch) instead of being written ahead of it
     * @return the remembered batch when the (single) batch is a retry of one already written, else null
     * @throws InvalidProducerEpochException when a batch's epoch is older than its producer's
     * @throws OutOfOrderSequenceException when a batch's first sequence does not follow its producer's last
     */
    public BatchMetadata check(List<BatchHeader> batches, boolean fromClient, boolean mayHaveForgotten) {
        Map<Long, ProducerStateEntry> pending = null;
        for (BatchHeader b : batches) {
            if (!b.hasProducerId()) {
                continue;
            }
            if (pending == null) {
                pending = new HashMap<>(2);
            }
            ProducerStateEntry current = pending.get(b.producerId());
            if (current == null) {
                ProducerStateEntry stored = producers.get(b.producerId());
                current = stored == null ? null : stored.copy();
            }
            if (current != null) {
                BatchMetadata duplicate = b.isControl() || !fromClient ? null
                        : current.findDuplicate(b.producerEpoch(), b.baseSequence(), b.lastSequence());
                if (duplicate != null) {
                    return duplicate;
                }
                checkEpoch(current, b);
                if (!b.isControl() && fromClient) {
                    checkSequence(current, b);
                }
            } else {
                if (fromClient && !b.isControl() && b.baseSequence() != 0 && !mayHaveForgotten && !expiredAny) {
                    throw new OutOfOrderSequenceException("producer " + b.producerId() + " is unknown on " + logName
                            + " and started at sequence " + b.baseSequence() + " instead of 0 (an earlier batch is missing)");
                }
                current = new ProducerStateEntry(b.producerId(), b.producerEpoch());
            }
            if (!b.isControl()) {
                current.addBatch(b.producerEpoch(), new BatchMetadata(b.baseSequence(), b.lastSequence(), -1, -1, b.maxTimestamp()));
            }
            pending.put(b.producerId(), current);
        }
        return null;
    }

    private void checkEpoch(ProducerStateEntry current, BatchHeader b) {
        if (b.producerEpoch() < current.epoch) {
            throw new InvalidProducerEpochException("producer " + b.producerId() + " wrote to " + logName + " with epoch "
                    + b.producerEpoch() + ", older than its current epoch " + current.epoch);
        }
    }

    private void checkSequence(ProducerStateEntry current, BatchHeader b) {
        int firstSeq = b.baseSequence();
        if (b.producerEpoch() != current.epoch) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("producer " + b.producerId() + " started epoch " + b.producerEpoch()
                        + " on " + logName + " at sequence " + firstSeq + " instead of 0");
            }
            return;
        }
        int lastSeq = current.lastSeq();
        boolean inSequence = firstSeq == lastSeq + 1 || (firstSeq == 0 && lastSeq == Integer.MAX_VALUE);
        if (!inSequence) {
            throw new OutOfOrderSequenceException("out of order sequence for producer " + b.producerId() + " on " + logName
                    + ": expected " + (lastSeq == Integer.MAX_VALUE ? 0 : lastSeq + 1) + ", got " + firstSeq
                    + " (epoch " + b.producerEpoch() + ")");
        }
    }

    /**
     * Applies a batch written at {@code [b.baseOffset(), b.lastOffset()]} (offsets assigned). Also used
     * to rebuild the state from the log, where no checks apply.
     *
     * @param timestamp the batch's stored max timestamp
     * @return the transaction a control batch (marker) ended, when its producer had data in it; else null
     */
    public CompletedTxn update(BatchHeader b, long timestamp) {
        CompletedTxn completed = null;
        if (b.hasProducerId()) {
            ProducerStateEntry e = producers.computeIfAbsent(b.producerId(), id -> new ProducerStateEntry(id, b.producerEpoch()));
            if (b.isControl()) {
                completed = endTransaction(e, b.producerEpoch(), b.baseOffset());
            } else {
                e.addBatch(b.producerEpoch(), new BatchMetadata(b.baseSequence(), b.lastSequence(), b.baseOffset(), b.lastOffset(), timestamp));
                if (b.isTransactional() && e.currentTxnFirstOffset < 0) {
                    e.currentTxnFirstOffset = b.baseOffset();
                    ongoingTxns.put(b.baseOffset(), b.producerId());
                }
            }
        }
        mapEndOffset = Math.max(mapEndOffset, b.nextOffset());
        return completed;
    }

    private CompletedTxn endTransaction(ProducerStateEntry e, short markerEpoch, long markerOffset) {
        if (markerEpoch > e.epoch) {
            e.epoch = markerEpoch;
            e.batches.clear();
        }
        if (e.currentTxnFirstOffset < 0) {
            return null;
        }
        CompletedTxn completed = new CompletedTxn(e.producerId, e.currentTxnFirstOffset, markerOffset);
        ongoingTxns.remove(e.currentTxnFirstOffset);
        e.currentTxnFirstOffset = -1;
        return completed;
    }

    /** The first offset of the oldest open transaction: the last stable offset cannot pass it. */
    public OptionalLong firstUnstableOffset() {
        return ongoingTxns.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ongoingTxns.firstKey());
    }

    /** The offset below which every batch is reflected. */
    public long mapEndOffset() {
        return mapEndOffset;
    }

    /** Forgets everything and starts reflecting the log at {@code offset} (truncation, reload). */
    public void reset(long offset) {
        producers.clear();
        ongoingTxns.clear();
        mapEndOffset = offset;
    }

    /** Drops producers whose last batch lies below the new log start offset. */
    public void truncateFromStart(long logStartOffset) {
        Iterator<ProducerStateEntry> it = producers.values().iterator();
        while (it.hasNext()) {
            ProducerStateEntry e = it.next();
            if (e.currentTxnFirstOffset < 0 && e.lastOffset() < logStartOffset) {
                it.remove();
            }
        }
        mapEndOffset = Math.max(mapEndOffset, logStartOffset);
    }

    /** Drops producers idle for {@code expirationMs} with no open transaction. */
    public int removeExpired(long nowMs, long expirationMs) {
        int removed = 0;
        Iterator<ProducerStateEntry> it = producers.values().iterator();
        while (it.hasNext()) {
            ProducerStateEntry e = it.next();
            if (e.currentTxnFirstOffset < 0 && nowMs - e.lastTimestamp >= expirationMs) {
                it.remove();
                removed++;
                expiredAny = true;
            }
        }
        return removed;
    }

    /** For each producer, the last offset of its last data batch: compaction keeps that batch. */
    public Map<Long, Long> lastDataOffsets() {
        Map<Long, Long> out = new HashMap<>();
        for (ProducerStateEntry e : producers.values()) {
            if (e.lastOffset() >= 0) {
                out.put(e.producerId, e.lastOffset());
            }
        }
        return out;
    }

    public List<ActiveProducer> activeProducers() {
        List<ActiveProducer> out = new ArrayList<>(producers.size());
        for (ProducerStateEntry e : producers.values()) {
            out.add(e.describe());
        }
        return List.copyOf(out);
    }

    /** The state for a snapshot; entries are copies. */
    Collection<ProducerStateEntry> entries() {
        List<ProducerStateEntry> out = new ArrayList<>(producers.size());
        for (ProducerStateEntry e : producers.values()) {
            out.add(e.copy());
        }
        return out;
    }

    /** Replaces the state with a snapshot's. */
    void load(Collection<ProducerStateEntry> entries, long snapshotOffset) {
        reset(snapshotOffset);
        for (ProducerStateEntry e : entries) {
            producers.put(e.producerId, e);
            if (e.currentTxnFirstOffset >= 0) {
                ongoingTxns.put(e.currentTxnFirstOffset, e.producerId);
            }
        }
    }

    public boolean isEmpty() {
        return producers.isEmpty();
    }
}
