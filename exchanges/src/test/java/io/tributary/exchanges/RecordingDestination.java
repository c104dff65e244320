package io.tributary.exchanges;

import io.tributary.exchanges.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A destination that keeps what it is given. */
final class RecordingDestination implements Destination {
    final QueueDefinition definition;
    final List<Message> received = new ArrayList<>();
    boolean deleted;

    RecordingDestination(QueueDefinition definition) {
        this.definition = definition;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public QueueDefinition definition() {
        return definition;
    }

    @Override
    public CompletableFuture<Void> accept(Message message) {
        received.add(message);
        return ACCEPTED;
    }

    @Override
    public CompletableFuture<Long> deleted() {
        deleted = true;
        return CompletableFuture.completedFuture((long) received.size());
    }
}
