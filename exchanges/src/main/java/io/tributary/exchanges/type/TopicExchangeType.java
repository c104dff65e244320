package io.tributary.exchanges.type;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code topic}: binding keys are dot-separated patterns with {@code *} and {@code #}. Matching runs
 * on a {@link TopicTrie}; results are cached per routing key in a Caffeine cache that is replaced
 * whenever a binding changes (a reader that raced with a change writes into the discarded cache).
 */
public final class TopicExchangeType implements ExchangeType {
    /** Routing keys remembered per exchange. */
    static final int CACHE_SIZE = 10_000;

    @Override
    public String name() {
        return "topic";
    }

    @Override
    public RoutingTable newRoutingTable() {
        return new Table();
    }

    private static final class Table implements RoutingTable {
        private final BindingSet all = new BindingSet();
        private final TopicTrie trie = new TopicTrie();
        private volatile Cache<String, DestinationId[]> cache = newCache();

        private static Cache<String, DestinationId[]> newCache() {
            return Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
        }

        @Override
        public boolean add(Binding b) {
            if (!all.add(b)) {
                return false;
            }
            trie.add(b.routingKey(), b.destination());
            cache = newCache();
            return true;
        }

        @Override
        public boolean remove(Binding b) {
            if (!all.remove(b)) {
                return false;
            }
            String canonical = TopicTrie.canonical(b.routingKey());
            boolean stillBound = all.snapshot().stream()
                    .anyMatch(o -> o.destination().equals(b.destination()) && TopicTrie.canonical(o.routingKey()).equals(canonical));
            if (!stillBound) {
                trie.remove(b.routingKey(), b.destination());
            }
            cache = newCache();
            return true;
        }

        @Override
        public void route(Message message, BindingSink sink) {
            Cache<String, DestinationId[]> c = cache;
            String key = message.routingKey();
            DestinationId[] targets = c.getIfPresent(key);
            if (targets == null) {
                List<DestinationId> found = new ArrayList<>(4);
                trie.match(key, found);
                targets = found.stream().distinct().toArray(DestinationId[]::new);
                c.put(key, targets);
            }
            for (DestinationId t : targets) {
                sink.matched(t);
            }
        }

        @Override
        public Collection<Binding> bindings() {
            return all.snapshot();
        }

        @Override
        public boolean isEmpty() {
            return all.isEmpty();
        }
    }
}
