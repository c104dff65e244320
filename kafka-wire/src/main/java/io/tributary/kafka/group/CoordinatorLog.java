package io.tributary.kafka.group;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One partition of {@code __consumer_offsets} as its shard uses it: append records, replay them at
 * load. The handler layer implements it over the partition log (record batches are kafka-clients
 * territory); tests use an in-memory one.
 */
public interface CoordinatorLog {
    /** Receives the log's records in order at load. */
    interface ReplaySink {
        /**
         * One record.
         *
         * @param producerId the producer of its batch when the batch is transactional (a
         *     TxnOffsetCommit), else -1
         */
        void record(RawRecord record, long producerId);

        /** A transaction marker of {@code producerId}: its pending offsets become committed, or are dropped. */
        void endTransaction(long producerId, boolean committed);
    }

    /**
     * Appends {@code records} as one batch. Called on the shard's thread; must not wait for disk.
     *
     * @return completes (on any thread) once the batch is durable; fails when it cannot be written
     */
    CompletableFuture<Void> append(List<RawRecord> records);

    /**
     * Appends {@code records} as one transactional batch of the producer (TxnOffsetCommit): replay
     * hands them to {@link ReplaySink#record} with the producer id until the producer's marker.
     */
    CompletableFuture<Void> appendTransactional(List<RawRecord> records, long producerId, short producerEpoch);

    /**
     * Completes (on any thread) once everything the log holds now is durable, so that nothing
     * replayed afterwards can be taken back by a crash (after an unclean stop the recovered tail
     * may not be fsynced yet).
     */
    CompletableFuture<Void> awaitDurable();

    /**
     * Replays every durable record of the partition into {@code sink}, in log order. Runs on the
     * shard's thread and reads files.
     *
     * @throws RuntimeException when the log cannot be read
     */
    void replay(ReplaySink sink);

    /** The partition of {@code __consumer_offsets} this is. */
    int partition();
}
