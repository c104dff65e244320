package io.tributary.exchanges.type;

import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.message.Message;
import java.util.Collection;

/** {@code fanout}: every bound target gets every message; keys are ignored. */
public final class FanoutExchangeType implements ExchangeType {
    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public RoutingTable newRoutingTable() {
        return new Table();
    }

    private static final class Table implements RoutingTable {
        private final BindingSet all = new BindingSet();
        private volatile DestinationId[] targets = Targets.NONE;

        @Override
        public boolean add(Binding b) {
            if (!all.add(b)) {
                return false;
            }
            rebuild();
            return true;
        }

        @Override
        public boolean remove(Binding b) {
            if (!all.remove(b)) {
                return false;
            }
            rebuild();
            return true;
        }

        private void rebuild() {
            targets = all.snapshot().stream().map(Binding::destination).distinct().toArray(DestinationId[]::new);
        }

        @Override
        public void route(Message message, BindingSink sink) {
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
