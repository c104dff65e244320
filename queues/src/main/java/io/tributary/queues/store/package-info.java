/**
 * The durable store of queues, shaped like LavinMQ's: per queue (and per priority level) a journal
 * of {@code msgs.N} segments with {@code acks.N} files beside them ({@link io.tributary.queues.store.QueueStoreFormat}),
 * a bounded in-memory window of the next messages, and segments deleted once fully settled.
 *
 * <p>Threading: a store and its journals are confined to their queue's actor; only the flusher
 * ({@link io.tributary.logstore.flush.LogFlusher}, calling {@code flush()}) touches a store from
 * another thread, under the store's lock, and completes durability futures on its own thread.
 */
package io.tributary.queues.store;
