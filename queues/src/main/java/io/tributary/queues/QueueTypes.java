package io.tributary.queues;

import io.tributary.exchanges.QueueDefinition;

/** The queue types the queue engine serves ({@code x-queue-type}); streams are served by the logs. */
public final class QueueTypes {
    public static final String CLASSIC = "classic";
    public static final String QUORUM = "quorum";

    private QueueTypes() {
    }

    public static boolean isQuorum(QueueDefinition def) {
        return QUORUM.equals(def.queueType());
    }
}
