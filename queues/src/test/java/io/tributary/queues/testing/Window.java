package io.tributary.queues.testing;

import io.tributary.exchanges.message.Message;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.dispatch.QueueConsumer;
import io.tributary.queues.store.QueueEntry;
import java.util.ArrayList;
import java.util.List;

/** A consumer with a fixed number of free slots that records what it got. */
public final class Window implements QueueConsumer {
    public final List<QueueEntry> entries = new ArrayList<>();
    public final List<Message> messages = new ArrayList<>();
    public final List<Boolean> redelivered = new ArrayList<>();
    public int room;
    private final boolean ack;
    public boolean cancelled;

    public Window(int room, boolean ack) {
        this.room = room;
        this.ack = ack;
    }

    public List<String> bodies() {
        return messages.stream().map(QueueFixture::text).toList();
    }

    @Override
    public String tag() {
        return "c";
    }

    @Override
    public boolean ackRequired() {
        return ack;
    }

    @Override
    public boolean tryReserve() {
        if (room > 0) {
            room--;
            return true;
        }
        return false;
    }

    @Override
    public void deliver(ConsumableQueue queue, QueueEntry entry, Message message, boolean redeliveredFlag) {
        entries.add(entry);
        messages.add(message);
        redelivered.add(redeliveredFlag);
    }

    @Override
    public void cancelledByQueue(ConsumableQueue queue) {
        cancelled = true;
    }
}
