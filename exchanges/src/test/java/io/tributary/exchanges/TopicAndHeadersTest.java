package io.tributary.exchanges;

import static io.tributary.exchanges.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.type.HeadersExchangeType;
import io.tributary.exchanges.type.RoutingTable;
import io.tributary.exchanges.type.TopicExchangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TopicAndHeadersTest {
    private static List<String> matches(RoutingTable t, String key, Map<String, Object> headers) {
        List<String> out = new ArrayList<>();
        t.route(message("x", key, headers), d -> out.add(d.name()));
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.b.c | a.b.c | true", "a.*.c | a.b.c | true", "a.*.c | a.c | false", "a.# | a | true", "a.# | a.b.c | true",
        "# | '' | true", "#.c | c | true", "#.c | a.b.c | true", "a.#.c | a.c | true", "a.#.c | a.b.b.c | true",
        "*.# | '' | false", "* | '' | false", "*.*.# | a | false", "#.#.x | x | true", "a.#.#.b | a.b | true",
        "'' | '' | true", "'' | a | false", "a..b | a..b | true", "a.*.b | a..b | true", "a.b | a.b.c | false"})
    void topicPatterns(String pattern, String key, boolean expected) {
        RoutingTable t = new TopicExchangeType().newRoutingTable();
        t.add(new Binding("x", DestinationId.queue("q"), pattern, null));
        assertThat(matches(t, key, null)).as("%s ~ %s", pattern, key).hasSize(expected ? 1 : 0);
        t.remove(new Binding("x", DestinationId.queue("q"), pattern, null));
        assertThat(matches(t, key, null)).isEmpty();
    }

    @Test
    void topicCacheIsInvalidatedByBindingChanges() {
        RoutingTable t = new TopicExchangeType().newRoutingTable();
        t.add(new Binding("x", DestinationId.queue("q1"), "a.*", null));
        assertThat(matches(t, "a.b", null)).containsExactly("q1");
        t.add(new Binding("x", DestinationId.queue("q2"), "#.b", null));
        assertThat(matches(t, "a.b", null)).containsExactlyInAnyOrder("q1", "q2");
        t.add(new Binding("x", DestinationId.queue("q2"), "a.b", null));
        t.remove(new Binding("x", DestinationId.queue("q2"), "#.b", null));
        assertThat(matches(t, "a.b", null)).containsExactlyInAnyOrder("q1", "q2");
        t.remove(new Binding("x", DestinationId.queue("q2"), "a.b", null));
        assertThat(matches(t, "a.b", null)).containsExactly("q1");
    }

    @Test
    void headersMatchModes() {
        RoutingTable t = new HeadersExchangeType().newRoutingTable();
        Map<String, Object> voidValue = new java.util.HashMap<>();
        voidValue.put("present", null);
        t.add(new Binding("x", DestinationId.queue("all"), "", Map.of("a", 1, "b", "two")));
        t.add(new Binding("x", DestinationId.queue("any"), "", Map.of("x-match", "any", "a", 1L, "c", true)));
        t.add(new Binding("x", DestinationId.queue("presence"), "", voidValue));
        t.add(new Binding("x", DestinationId.queue("with-x"), "", Map.of("x-match", "all-with-x", "x-k", "v")));
        assertThat(matches(t, "", Map.of("a", 1, "b", "two"))).containsExactlyInAnyOrder("all", "any");
        assertThat(matches(t, "", Map.of("a", (short) 1))).containsExactly("any");
        assertThat(matches(t, "", Map.of("present", "anything"))).containsExactly("presence");
        assertThat(matches(t, "", Map.of("x-k", "v"))).containsExactly("with-x");
        assertThat(matches(t, "", null)).isEmpty();
    }

    @Test
    void invalidXMatchIsRefused() {
        assertThatThrownBy(() -> new HeadersExchangeType().validateBinding(
                new Binding("x", DestinationId.queue("q"), "", Map.of("x-match", "most")))).isInstanceOf(PreconditionFailedException.class);
    }
}
