package io.tributary.server.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a policy the way RabbitMQ does (known keys, their types and ranges; a valid pattern and
 * apply-to) and translates its definition into queue arguments: {@code message-ttl} becomes
 * {@code x-message-ttl}, and so on. Keys the queue engine has no use for ({@code ha-mode},
 * {@code federation-upstream}, ...) are refused, as RabbitMQ refuses keys no plugin knows.
 */
public final class PolicyDefinitions {
    /** Policy keys that are queue arguments of the same name with {@code x-} in front. */
    private static final Set<String> INTEGER_KEYS = Set.of("message-ttl", "expires", "max-length", "max-length-bytes", "delivery-limit");
    private static final Set<String> STRING_KEYS = Set.of("dead-letter-exchange", "dead-letter-routing-key", "overflow", "queue-mode");
    /** Stream keys: kept on the policy and shown, applied by streams' own arguments only. */
    private static final Set<String> STREAM_KEYS = Set.of("max-age", "stream-max-segment-size-bytes");
    private static final Set<String> APPLY_TO = Set.of("all", "queues", "classic_queues", "streams", "exchanges");

    private PolicyDefinitions() {
    }

    /** @throws IllegalArgumentException with RabbitMQ-like wording for what is wrong */
    public static void validate(Policy p) {
        try {
            Pattern.compile(p.pattern());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Validation failed\n\n" + p.pattern() + " is not a valid regular expression");
        }
        if (!APPLY_TO.contains(p.applyTo())) {
            throw new IllegalArgumentException("Validation failed\n\n'" + p.applyTo() + "' is not a valid apply-to value");
        }
        if (p.definition().isEmpty()) {
            throw new IllegalArgumentException("Validation failed\n\nno policy keys given");
        }
        for (Map.Entry<String, Object> e : p.definition().entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (INTEGER_KEYS.contains(k)) {
                if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < ("expires".equals(k) ? 1 : 0)) {
                    throw new IllegalArgumentException("Validation failed\n\n" + v + " is not a valid value for " + k);
                }
            } else if (STRING_KEYS.contains(k) || STREAM_KEYS.contains(k)) {
                checkString(k, v);
            } else {
                throw new IllegalArgumentException("Validation failed\n\n[{<<\"" + k + "\">>,...}] are not recognised policy settings");
            }
        }
    }

    private static void checkString(String k, Object v) {
        boolean ok = v instanceof String s && switch (k) {
            case "overflow" -> Set.of("drop-head", "reject-publish", "reject-publish-dlx").contains(s);
            case "queue-mode" -> Set.of("default", "lazy").contains(s);
            default -> true;
        };
        if ("stream-max-segment-size-bytes".equals(k) && (v instanceof Integer || v instanceof Long)) {
            ok = true;
        }
        if (!ok) {
            throw new IllegalArgumentException("Validation failed\n\n" + v + " is not a valid value for " + k);
        }
    }

    /** The queue arguments a policy definition stands for (stream keys are left out). */
    public static Map<String, Object> queueArguments(Map<String, Object> definition) {
        Map<String, Object> out = new LinkedHashMap<>();
        definition.forEach((k, v) -> {
            if (INTEGER_KEYS.contains(k)) {
                out.put("x-" + k, ((Number) v).longValue());
            } else if (STRING_KEYS.contains(k)) {
                out.put("x-" + k, v.toString());
            }
        });
        return out;
    }
}
