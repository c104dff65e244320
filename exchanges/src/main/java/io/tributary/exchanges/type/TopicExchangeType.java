package io.tributary.exchanges.type;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.message.Message;
import java.util.ArrayList;
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

    private static final class Table extends BindingSetTable {
        private final TopicTrie trie = new TopicTrie();
        private volatile Cache<String, DestinationId[]> cache = newCache();

        private static Cache<String, DestinationId[]> newCache() {
            return Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
        }

        @Override
        void added(Binding b) {
            trie.add(b.routingKey(), b.destination());
            cache = newCache();
        }

        @Override
        void removed(Binding b) {
            if (!stillBound(b, TopicTrie::canonical)) {
                trie.remove(b.routingKey(), b.destination());
            }
            cache = newCache();
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
    }
}
