package io.tributary.exchanges.type;

import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.message.Message;
import java.util.Map;

/** {@code headers}: routes on the message's header table against each binding's arguments ({@code x-match}). */
public final class HeadersExchangeType implements ExchangeType {
    @Override
    public String name() {
        return "headers";
    }

    @Override
    public void validateBinding(Binding binding) {
        HeadersMatch.parse(binding.arguments());
    }

    @Override
    public RoutingTable newRoutingTable() {
        return new Table();
    }

    private record Entry(HeadersMatch match, DestinationId target) {
    }

    private static final class Table extends BindingSetTable {
        private volatile Entry[] entries = new Entry[0];

        @Override
        void added(Binding b) {
            rebuild();
        }

        @Override
        void removed(Binding b) {
            rebuild();
        }

        private void rebuild() {
            entries = all.snapshot().stream().map(b -> new Entry(HeadersMatch.parse(b.arguments()), b.destination()))
                    .toArray(Entry[]::new);
        }

        @Override
        public void route(Message message, BindingSink sink) {
            Entry[] e = entries;
            if (e.length == 0) {
                return;
            }
            Map<String, Object> headers = message.properties().headers();
            for (Entry entry : e) {
                if (entry.match().matches(headers)) {
                    sink.matched(entry.target());
                }
            }
        }
    }
}
