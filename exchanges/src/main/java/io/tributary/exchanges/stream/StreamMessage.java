package io.tributary.exchanges.stream;

import io.tributary.exchanges.message.Message;

/** A message read from a stream, with its offset in its partition. */
public record StreamMessage(int partition, long offset, Message message) {
}
