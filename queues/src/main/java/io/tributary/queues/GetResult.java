package io.tributary.queues;

/** The answer to a {@code basic.get}: an entry (null when the queue was empty) and the messages left. */
public record GetResult(QueueEntry entry, boolean redelivered, long messagesLeft) {
}
