package io.tributary.queues;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.PreconditionFailedException;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code x-} arguments of a queue declaration the way RabbitMQ 3.10 does: known
 * arguments must have the right type and range; unknown ones are kept and ignored. A quorum queue
 * has {@link QuorumQueueRules} on top.
 * {@link QueuePolicy} holds what they mean.
 */
public final class QueueArguments {
    private static final Set<String> OVERFLOW = Set.of("drop-head", "reject-publish", "reject-publish-dlx");
    private static final Set<String> TYPES = Set.of("classic", "quorum");
    /** Arguments RabbitMQ refuses on a quorum queue ("invalid arg ... of queue type rabbit_quorum_queue"). */
    private static final Set<String> NOT_FOR_QUORUM = Set.of("x-max-priority", "x-queue-mode", "x-queue-master-locator", "x-queue-version");

    static Set<String> notForQuorum() {
        return NOT_FOR_QUORUM;
    }

    private QueueArguments() {
    }

    public static void validate(QueueDefinition def) {
        Map<String, Object> args = def.arguments();
        nonNegative(def, args, "x-message-ttl");
        positive(def, args, "x-expires");
        nonNegative(def, args, "x-max-length");
        nonNegative(def, args, "x-max-length-bytes");
        if (QueueTypes.isQuorum(def)) {
            QuorumQueueRules.validate(def);
        } else {
            nonNegative(def, args, "x-delivery-limit");
        }
        string(def, args, "x-dead-letter-exchange");
        string(def, args, "x-dead-letter-routing-key");
        oneOf(def, args, "x-overflow", OVERFLOW);
        oneOf(def, args, "x-queue-mode", Set.of("default", "lazy"));
        oneOf(def, args, "x-queue-type", TYPES);
        Object prio = args.get("x-max-priority");
        if (prio != null) {
            long p = integer(def, "x-max-priority", prio);
            if (p < 0) {
                throw invalid(def, "x-max-priority", "{value_negative," + p + "}");
            }
            if (p > 255) {
                throw invalid(def, "x-max-priority", "{max_value_exceeded," + p + "}");
            }
        }
        Object sac = args.get("x-single-active-consumer");
        if (sac != null && !(sac instanceof Boolean)) {
            throw invalid(def, "x-single-active-consumer", "{unacceptable_type," + typeName(sac) + "}");
        }
    }

    private static void nonNegative(QueueDefinition def, Map<String, Object> args, String key) {
        Object v = args.get(key);
        if (v != null && integer(def, key, v) < 0) {
            throw invalid(def, key, "{value_negative," + v + "}");
        }
    }

    private static void positive(QueueDefinition def, Map<String, Object> args, String key) {
        Object v = args.get(key);
        if (v != null && integer(def, key, v) <= 0) {
            throw invalid(def, key, "{value_zero," + v + "}");
        }
    }

    static long integer(QueueDefinition def, String key, Object v) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw invalid(def, key, "{unacceptable_type," + typeName(v) + "}");
    }

    private static void string(QueueDefinition def, Map<String, Object> args, String key) {
        Object v = args.get(key);
        if (v != null && !(v instanceof String)) {
            throw invalid(def, key, "{unacceptable_type," + typeName(v) + "}");
        }
    }

    static void oneOf(QueueDefinition def, Map<String, Object> args, String key, Set<String> allowed) {
        Object v = args.get(key);
        if (v == null) {
            return;
        }
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw invalid(def, key, "{unacceptable_value," + v + "}");
        }
    }

    static String typeName(Object v) {
        if (v instanceof String) {
            return "longstr";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Double || v instanceof Float) {
            return "double";
        }
        return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    static PreconditionFailedException invalid(QueueDefinition def, String key, String why) {
        return new PreconditionFailedException("invalid arg '" + key + "' for queue '" + def.name() + "' in vhost '"
                + def.vhost() + "': " + why);
    }
}
