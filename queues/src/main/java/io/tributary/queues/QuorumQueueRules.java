package io.tributary.queues;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.PreconditionFailedException;
import java.util.Map;
import java.util.Set;

/**
 * What RabbitMQ requires of a quorum queue declaration, and what it means here. A quorum queue is
 * always durable, never exclusive or auto-delete; it keeps every message on disk whatever its
 * delivery mode; a message returned more than {@code x-delivery-limit} times (20 unless set, -1 for
 * no limit, as in RabbitMQ 4) is dead-lettered or dropped. On one node its replica set is this node
 * ({@code x-quorum-initial-group-size} is accepted and has nothing to choose from).
 */
final class QuorumQueueRules {
    /** RabbitMQ 4's default delivery limit for quorum queues. */
    static final long DEFAULT_DELIVERY_LIMIT = 20;

    private QuorumQueueRules() {
    }

    static void validate(QueueDefinition def) {
        if (!def.durable()) {
            throw property(def, "non-durable");
        }
        if (def.exclusive()) {
            throw property(def, "exclusive-owner");
        }
        if (def.autoDelete()) {
            throw property(def, "auto-delete");
        }
        Map<String, Object> args = def.arguments();
        for (String key : QueueArguments.notForQuorum()) {
            if (args.containsKey(key)) {
                throw unsupported(def, key);
            }
        }
        if ("reject-publish-dlx".equals(args.get("x-overflow"))) {
            throw unsupported(def, "x-overflow");
        }
        Object limit = args.get("x-delivery-limit");
        if (limit != null && QueueArguments.integer(def, "x-delivery-limit", limit) < -1) {
            throw QueueArguments.invalid(def, "x-delivery-limit", "{value_negative," + limit + "}");
        }
        QueueArguments.oneOf(def, args, "x-dead-letter-strategy", Set.of("at-most-once", "at-least-once"));
        Object size = args.get("x-quorum-initial-group-size");
        if (size != null && QueueArguments.integer(def, "x-quorum-initial-group-size", size) <= 0) {
            throw QueueArguments.invalid(def, "x-quorum-initial-group-size", "{value_zero," + size + "}");
        }
    }

    /** The delivery limit in force: the declared one, else the quorum default; -1 means none. */
    static long deliveryLimit(Map<String, Object> args) {
        Object v = args.get("x-delivery-limit");
        return v instanceof Number n ? n.longValue() : DEFAULT_DELIVERY_LIMIT;
    }

    private static PreconditionFailedException property(QueueDefinition def, String property) {
        return new PreconditionFailedException("invalid property '" + property + "' for queue '" + def.name() + "' in vhost '"
                + def.vhost() + "'");
    }

    private static PreconditionFailedException unsupported(QueueDefinition def, String key) {
        return new PreconditionFailedException("invalid arg '" + key + "' for queue '" + def.name() + "' in vhost '" + def.vhost()
                + "' of queue type rabbit_quorum_queue");
    }
}
