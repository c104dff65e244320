package io.tributary.logstore.producer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** One producer's mutable state: epoch, last batches (at most five), open transaction. */
final class ProducerStateEntry {
    /** Kafka producers keep at most five batches in flight, so five remembered batches catch every retry. */
    static final int NUM_BATCHES_TO_RETAIN = 5;

    final long producerId;
    short epoch;
    final Deque<BatchMetadata> batches = new ArrayDeque<>(NUM_BATCHES_TO_RETAIN);
    int coordinatorEpoch = -1;
    long currentTxnFirstOffset = -1;
    long lastTimestamp = -1;

    ProducerStateEntry(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
    }

    ProducerStateEntry copy() {
        ProducerStateEntry c = new ProducerStateEntry(producerId, epoch);
        c.batches.addAll(batches);
        c.coordinatorEpoch = coordinatorEpoch;
        c.currentTxnFirstOffset = currentTxnFirstOffset;
        c.lastTimestamp = lastTimestamp;
        return c;
    }

    int lastSeq() {
        return batches.isEmpty() ? -1 : batches.peekLast().lastSeq();
    }

    long lastOffset() {
        return batches.isEmpty() ? -1 : batches.peekLast().lastOffset();
    }

    void addBatch(short batchEpoch, BatchMetadata b) {
        if (batchEpoch != epoch) {
            batches.clear();
            epoch = batchEpoch;
        }
        if (batches.size() == NUM_BATCHES_TO_RETAIN) {
            batches.removeFirst();
        }
        batches.addLast(b);
        lastTimestamp = b.timestamp();
    }

    /** The remembered batch with exactly these sequences under this epoch, or null. */
    BatchMetadata findDuplicate(short batchEpoch, int firstSeq, int lastSeq) {
        if (batchEpoch != epoch) {
            return null;
        }
        for (BatchMetadata b : batches) {
            if (b.firstSeq() == firstSeq && b.lastSeq() == lastSeq) {
                return b;
            }
        }
        return null;
    }

    List<BatchMetadata> batchList() {
        return List.copyOf(batches);
    }

    ActiveProducer describe() {
        return new ActiveProducer(producerId, epoch, lastSeq(), lastTimestamp, coordinatorEpoch, currentTxnFirstOffset);
    }
}
