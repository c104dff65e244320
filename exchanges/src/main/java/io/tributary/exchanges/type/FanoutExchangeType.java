package io.tributary.exchanges.type;

import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.message.Message;

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

    private static final class Table extends BindingSetTable {
        private volatile DestinationId[] targets = Targets.NONE;

        @Override
        void added(Binding b) {
            rebuild();
        }

        @Override
        void removed(Binding b) {
            rebuild();
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
    }
}
