/**
 * The transaction coordinator (exactly-once producers): the state of each transactional id, its
 * lifecycle from InitProducerId to the commit or abort markers, timeouts, and its durable record in
 * {@code __transaction_state}. Plain Java: the handler layer translates requests.
 *
 * <p>Threading: every state change runs on the coordinator's single thread; callers get futures.
 */
package io.tributary.kafka.txn;
