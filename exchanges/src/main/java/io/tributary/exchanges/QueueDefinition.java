package io.tributary.exchanges;

import java.util.Map;

/**
 * How a destination was declared (AMQP {@code queue.declare}).
 *
 * @param exclusiveOwner the id of the connection that owns an exclusive queue, else null
 * @param arguments the {@code x-} arguments, as decoded by the protocol (never null)
 */
public record QueueDefinition(String vhost, String name, boolean durable, String exclusiveOwner, boolean autoDelete,
                              Map<String, Object> arguments) {
    public QueueDefinition {
        arguments = Arguments.copyOf(arguments);
    }

    public boolean exclusive() {
        return exclusiveOwner != null;
    }

    /** The queue type asked for with {@code x-queue-type} (classic by default). */
    public String queueType() {
        Object t = arguments.get("x-queue-type");
        return t == null ? "classic" : t.toString();
    }
}
