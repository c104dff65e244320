package io.tributary.queues;

import io.tributary.exchanges.message.Message;
import io.tributary.queues.store.QueueEntry;

/**
 * The answer to a {@code basic.get}: the entry to settle it with and the message to send (both
 * null when the queue was empty), and the messages left.
 */
public record GetResult(QueueEntry entry, Message message, boolean redelivered, long messagesLeft) {
}
