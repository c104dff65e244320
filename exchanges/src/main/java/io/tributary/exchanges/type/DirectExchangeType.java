package io.tributary.exchanges.type;

import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.message.Message;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
    private static final class Table extends BindingSetTable {
        private final Map<String, DestinationId[]> byKey = new ConcurrentHashMap<>();

        @Override
        void added(Binding b) {
            byKey.compute(b.routingKey(), (k, old) -> Targets.with(old, b.destination()));
        }

        @Override
        void removed(Binding b) {
            if (!stillBound(b, Function.identity())) {
                byKey.computeIfPresent(b.routingKey(), (k, old) -> Targets.without(old, b.destination()));
            }
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
    }
}
