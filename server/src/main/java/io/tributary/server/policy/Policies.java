package io.tributary.server.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.queues.Queue;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's policies: kept in the metadata store (kind {@code amqp.policy}, key vhost + name),
 * applied to every classic queue when it is made ({@link #around} wraps the queue factory, so
 * recovered queues get theirs too) and to the queues of a virtual host whenever one of its policies
 * changes. Of several matching policies the one with the highest priority applies (then the first
 * by name), as in RabbitMQ. Thread-safe.
 */
public final class Policies {
    static final String KIND = "amqp.policy";
    private static final Logger LOGGER = LoggerFactory.getLogger(Policies.class);
    private static final char SEP = '\u001f';
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final MetadataStore store;
    private final Map<String, Policy> policies = new ConcurrentHashMap<>();
    private volatile VirtualHosts vhosts;

    public Policies(MetadataStore store) {
        this.store = store;
        for (String v : store.list(KIND).values()) {
            Policy p = read(v);
            policies.put(key(p.vhost(), p.name()), p);
        }
    }

    /** Wraps a destination factory: what it makes gets the policy that matches it. */
    public DestinationFactory around(DestinationFactory next) {
        return def -> {
            Destination d = next.create(def);
            if (d instanceof Queue q) {
                effective(def.vhost(), def.name(), Policy.Kind.CLASSIC_QUEUE).ifPresent(p -> apply(q, p));
            }
            return d;
        };
    }

    /** The virtual hosts whose queues later policy changes apply to. */
    public void attach(VirtualHosts hosts) {
        this.vhosts = hosts;
    }

    public List<Policy> list() {
        List<Policy> out = new ArrayList<>(policies.values());
        out.sort(Comparator.comparing(Policy::vhost).thenComparing(Policy::name));
        return out;
    }

    public List<Policy> list(String vhost) {
        return list().stream().filter(p -> p.vhost().equals(vhost)).toList();
    }

    public Optional<Policy> get(String vhost, String name) {
        return Optional.ofNullable(policies.get(key(vhost, name)));
    }

    /** The policy in force for a resource: highest priority first, then name. */
    public Optional<Policy> effective(String vhost, String resource, Policy.Kind kind) {
        Policy best = null;
        for (Policy p : policies.values()) {
            if (p.vhost().equals(vhost) && p.matches(resource, kind)
                    && (best == null || p.priority() > best.priority() || (p.priority() == best.priority() && p.name().compareTo(best.name()) < 0))) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Creates or replaces a policy and applies it; completes once durable.
     *
     * @throws IllegalArgumentException when the policy is invalid
     */
    public CompletableFuture<Void> put(Policy p) {
        PolicyDefinitions.validate(p);
        policies.put(key(p.vhost(), p.name()), p);
        return store.put(KIND, key(p.vhost(), p.name()), write(p)).thenRun(() -> reapply(p.vhost()));
    }

    /** Removes a policy; completes with false when there was none. */
    public CompletableFuture<Boolean> delete(String vhost, String name) {
        if (policies.remove(key(vhost, name)) == null) {
            return CompletableFuture.completedFuture(false);
        }
        return store.delete(KIND, key(vhost, name)).thenApply(v -> {
            reapply(vhost);
            return true;
        });
    }

    /** Applies the policies of a virtual host to its queues again (after a change). */
    public void reapply(String vhost) {
        VirtualHosts hosts = vhosts;
        VirtualHost vh = hosts == null ? null : hosts.get(vhost);
        if (vh == null) {
            return;
        }
        for (Destination d : vh.destinations()) {
            if (d instanceof Queue q) {
                Optional<Policy> p = effective(vhost, q.name(), Policy.Kind.CLASSIC_QUEUE);
                if (p.isPresent()) {
                    apply(q, p.get());
                } else {
                    q.applyPolicy(Map.of()).exceptionally(e -> logFailure(q, e));
                }
            }
        }
    }

    private static void apply(Queue q, Policy p) {
        q.applyPolicy(PolicyDefinitions.queueArguments(p.definition())).exceptionally(e -> logFailure(q, e));
    }

    private static Void logFailure(Queue q, Throwable e) {
        LOGGER.warn("Policy for {} not applied: {}", q, e.getMessage());
        return null;
    }

    private static String key(String vhost, String name) {
        return vhost + SEP + name;
    }

    private static String write(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vhost", p.vhost());
        m.put("name", p.name());
        m.put("pattern", p.pattern());
        m.put("apply-to", p.applyTo());
        m.put("priority", p.priority());
        m.put("definition", p.definition());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Policy read(String json) {
        try {
            Map<String, Object> m = JSON.readValue(json, MAP);
            return new Policy((String) m.get("vhost"), (String) m.get("name"), (String) m.get("pattern"), (String) m.get("apply-to"),
                    ((Number) m.get("priority")).intValue(), (Map<String, Object>) m.get("definition"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
