/**
 * Idempotent and transactional producers' state per partition: each producer's epoch and the
 * metadata of its last five batches (duplicate and out-of-order detection), open transactions (the
 * last stable offset), snapshots written beside the segments and rebuilt from the log on recovery.
 *
 * <p>Threading: {@link io.tributary.logstore.producer.ProducerStateManager} is confined to the
 * owning log's lock; {@link io.tributary.logstore.producer.ProducerStateManager#activeProducers()}
 * returns an immutable copy for any thread.
 */
package io.tributary.logstore.producer;
