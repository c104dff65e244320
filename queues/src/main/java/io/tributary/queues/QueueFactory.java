package io.tributary.queues;

import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.QueueDefinition;

/**
 * Makes classic queues: validates the arguments, gives each queue an executor from the queue pool
 * and opens its journal. {@link #recovering()} makes the queues recreated at start-up, which read
 * their journals back; a queue declared later starts with an empty one.
 */
public final class QueueFactory implements DestinationFactory {
    private final QueueEnvironment env;

    public QueueFactory(QueueEnvironment env) {
        this.env = env;
    }

    @Override
    public Destination create(QueueDefinition definition) {
        return make(definition, false);
    }

    /** The factory for start-up: queues recover what their journals hold. */
    public DestinationFactory recovering() {
        return def -> make(def, true);
    }

    private Queue make(QueueDefinition definition, boolean recover) {
        QueueArguments.validate(definition);
        return new Queue(definition, env, recover && definition.durable());
    }
}
