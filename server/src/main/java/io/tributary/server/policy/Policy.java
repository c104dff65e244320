package io.tributary.server.policy;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One policy, as RabbitMQ's management API shows it.
 *
 * @param applyTo {@code queues}, {@code classic_queues}, {@code streams}, {@code exchanges} or {@code all}
 * @param definition the policy's keys ({@code message-ttl}, {@code dead-letter-exchange}, ...)
 */
public record Policy(String vhost, String name, String pattern, String applyTo, int priority, Map<String, Object> definition) {
    public Policy {
        definition = Map.copyOf(definition);
    }

    /** Whether the policy covers a destination or exchange of that name and kind. */
    public boolean matches(String resourceName, Kind kind) {
        boolean applies = switch (applyTo) {
            case "all" -> true;
            case "queues" -> kind == Kind.CLASSIC_QUEUE || kind == Kind.STREAM;
            case "classic_queues" -> kind == Kind.CLASSIC_QUEUE;
            case "streams" -> kind == Kind.STREAM;
            case "exchanges" -> kind == Kind.EXCHANGE;
            default -> false;
        };
        return applies && Pattern.compile(pattern).matcher(resourceName).find();
    }

    /** What a policy can apply to. */
    public enum Kind { CLASSIC_QUEUE, STREAM, EXCHANGE }
}
