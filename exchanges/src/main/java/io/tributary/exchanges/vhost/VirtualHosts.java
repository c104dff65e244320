package io.tributary.exchanges.vhost;

import io.tributary.exchanges.TopologyListener;
import io.tributary.exchanges.type.ExchangeTypeRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The broker's virtual hosts; {@code /} always exists. Thread-safe. */
public final class VirtualHosts {
    public static final String DEFAULT = "/";

    private final ExchangeTypeRegistry types;
    private final TopologyListener listener;
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();

    public VirtualHosts(ExchangeTypeRegistry types, TopologyListener listener) {
        this.types = types;
        this.listener = listener;
        create(DEFAULT);
    }

    /** The virtual host, or null when there is none by that name. */
    public VirtualHost get(String name) {
        return vhosts.get(name);
    }

    public VirtualHost create(String name) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, types, listener));
    }

    /**
     * Forgets a virtual host (management's vhost deletion, after it deleted the vhost's queues and
     * exchanges); {@code /} cannot be removed.
     *
     * @return the removed virtual host, or null when there was none
     */
    public VirtualHost remove(String name) {
        if (DEFAULT.equals(name)) {
            throw new IllegalArgumentException("the default virtual host cannot be deleted");
        }
        return vhosts.remove(name);
    }

    public Collection<VirtualHost> all() {
        return List.copyOf(vhosts.values());
    }
}
