package io.tributary.server.remote;

import io.tributary.exchanges.QueueDefinition;

/**
 * Makes the {@link RemoteQueue}s of a node: the stand-ins for classic queues whose home is another
 * node, created as this node learns of them (at start and while it follows the others).
 */
public final class RemoteQueues {
    private final PeerLinks links;

    public RemoteQueues(PeerLinks links) {
        this.links = links;
    }

    /** This node's id: queues declared here are homed here. */
    public int self() {
        return links.self();
    }

    public RemoteQueue create(QueueDefinition definition, int home) {
        return new RemoteQueue(definition, home, links);
    }
}
