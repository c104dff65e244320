package io.tributary.exchanges;

import static io.tributary.exchanges.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.CommandInvalidException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.error.ResourceLockedException;
import io.tributary.exchanges.type.ExchangeTypeRegistry;
import io.tributary.exchanges.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final VirtualHost vh = new VirtualHost("/", ExchangeTypeRegistry.withBuiltIns(), TopologyListener.NONE);
    private final RoutedDestinations out = new RoutedDestinations();

    private RecordingDestination queue(String name) {
        return (RecordingDestination) vh.declareQueue(new QueueDefinition("/", name, false, null, false, null),
                RecordingDestination::new).join();
    }

    private void exchange(String name, String type, Map<String, Object> args) {
        vh.declareExchange(new ExchangeDefinition("/", name, type, false, false, false, args)).join();
    }

    private List<String> route(String exchange, String key) {
        Router.route(vh, vh.requireExchange(exchange), message(exchange, key), out);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            names.add(out.get(i).name());
        }
        return names;
    }

    @Test
    void defaultExchangeRoutesByName() {
        queue("a");
        assertThat(route("", "a")).containsExactly("a");
        assertThat(route("", "b")).isEmpty();
    }

    @Test
    void destinationsAreDeduplicatedAcrossBindingsAndExchanges() {
        queue("q");
        exchange("t", "topic", null);
        exchange("f", "fanout", null);
        vh.bind(new Binding("t", DestinationId.queue("q"), "a.*", null)).join();
        vh.bind(new Binding("t", DestinationId.queue("q"), "#", null)).join();
        vh.bind(new Binding("t", DestinationId.exchange("f"), "#", null)).join();
        vh.bind(new Binding("f", DestinationId.queue("q"), "", null)).join();
        assertThat(route("t", "a.b")).containsExactly("q");
    }

    @Test
    void exchangeCyclesEndAndAlternateExchangesCatchTheUnrouted() {
        queue("q");
        queue("ae-q");
        exchange("ae", "fanout", null);
        exchange("x", "direct", Map.of("alternate-exchange", "ae"));
        exchange("y", "fanout", null);
        vh.bind(new Binding("x", DestinationId.exchange("y"), "k", null)).join();
        vh.bind(new Binding("y", DestinationId.exchange("x"), "", null)).join();
        vh.bind(new Binding("y", DestinationId.queue("q"), "", null)).join();
        vh.bind(new Binding("ae", DestinationId.queue("ae-q"), "", null)).join();
        assertThat(route("x", "k")).containsExactly("q");
        assertThat(route("x", "other")).containsExactly("ae-q");
        assertThat(route("y", "other")).containsExactly("q", "ae-q");
    }

    @Test
    void deletingAQueueRemovesItsBindingsAndAutoDeleteSources() {
        RecordingDestination q = queue("q");
        vh.declareExchange(new ExchangeDefinition("/", "ad", "direct", false, true, false, null)).join();
        vh.bind(new Binding("ad", DestinationId.queue("q"), "k", null)).join();
        assertThat(vh.deleteQueue(q).join()).isZero();
        assertThat(q.deleted).isTrue();
        assertThat(vh.exchange("ad")).isNull();
    }

    @Test
    void redeclareMustBeEquivalent() {
        exchange("e", "direct", null);
        assertThatThrownBy(() -> exchange("e", "fanout", null)).isInstanceOf(PreconditionFailedException.class)
                .hasMessage("inequivalent arg 'type' for exchange 'e' in vhost '/': received 'fanout' but current is 'direct'");
        queue("q");
        assertThatThrownBy(() -> vh.declareQueue(new QueueDefinition("/", "q", false, null, false, Map.of("x-max-length", 1)),
                RecordingDestination::new)).isInstanceOf(PreconditionFailedException.class)
                .hasMessage("inequivalent arg 'x-max-length' for queue 'q' in vhost '/': received the value '1' but current is none");
    }

    @Test
    void exclusiveQueuesBelongToTheirConnection() {
        vh.declareQueue(new QueueDefinition("/", "ex", false, "conn-1", false, null), RecordingDestination::new).join();
        assertThatThrownBy(() -> vh.declareQueue(new QueueDefinition("/", "ex", false, "conn-2", false, null),
                RecordingDestination::new)).isInstanceOf(ResourceLockedException.class);
    }

    @Test
    void typedFailures() {
        assertThatThrownBy(() -> exchange("u", "nope", null)).isInstanceOf(CommandInvalidException.class);
        assertThatThrownBy(() -> vh.bind(new Binding("missing", DestinationId.queue("q"), "", null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> vh.bind(new Binding("", DestinationId.queue("q"), "", null))).isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> vh.deleteExchange("amq.direct", false)).isInstanceOf(AccessRefusedException.class);
    }
}
