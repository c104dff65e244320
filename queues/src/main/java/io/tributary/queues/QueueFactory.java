package io.tributary.queues;

import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.QueueDefinition;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Makes classic queues: validates the arguments and gives each queue an executor from the shared
 * pool (the server hands out I/O event loops round-robin).
 */
public final class QueueFactory implements DestinationFactory {
    private final Supplier<Executor> executors;
    private final Consumer<Queue> autoDelete;

    /** @param autoDelete deletes a queue from its virtual host (auto-delete queues call it) */
    public QueueFactory(Supplier<Executor> executors, Consumer<Queue> autoDelete) {
        this.executors = executors;
        this.autoDelete = autoDelete;
    }

    @Override
    public Destination create(QueueDefinition definition) {
        QueueArguments.validate(definition);
        return new Queue(definition, executors.get(), autoDelete);
    }
}
