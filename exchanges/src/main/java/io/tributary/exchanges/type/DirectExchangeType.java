package io.tributary.exchanges.type;

import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.message.Message;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code direct}: a message goes to every binding whose key equals its routing key. */
public final class DirectExchangeType implements ExchangeType {
    @Override
    public String name() {
        return "direct";
    }

    @Override
    public RoutingTable newRoutingTable() {
        return new Table();
    }

    /** Key to a copy-on-write array of targets: routing is one map lookup and no allocation. */
    private static final class Table implements RoutingTable {
        private final BindingSet all = new BindingSet();
        private final Map<String, DestinationId[]> byKey = new ConcurrentHashMap<>();

        @Override
        public boolean add(Binding b) {
            if (!all.add(b)) {
                return false;
            }
            byKey.compute(b.routingKey(), (k, old) -> Targets.with(old, b.destination()));
            return true;
        }

        @Override
        public boolean remove(Binding b) {
            if (!all.remove(b)) {
                return false;
            }
            boolean stillBound = all.snapshot().stream()
                    .anyMatch(o -> o.routingKey().equals(b.routingKey()) && o.destination().equals(b.destination()));
            if (!stillBound) {
                byKey.computeIfPresent(b.routingKey(), (k, old) -> Targets.without(old, b.destination()));
            }
            return true;
        }

        @Override
        public void route(Message message, BindingSink sink) {
            DestinationId[] targets = byKey.get(message.routingKey());
            if (targets != null) {
                for (DestinationId t : targets) {
                    sink.matched(t);
                }
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
