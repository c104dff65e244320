package io.tributary.amqp.v10.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.amqp.v10.error.AmqpErrorException;
import org.junit.jupiter.api.Test;

class AddressTest {
    @Test
    void parsesEveryV2FormAndPlainNames() {
        assertThat(Address.parse("/queues/orders")).isEqualTo(new Address(null, null, "orders", false));
        assertThat(Address.parse("/queues/a%2Fb%20c")).isEqualTo(new Address(null, null, "a/b c", false));
        assertThat(Address.parse("/exchanges/amq.topic/a.b")).isEqualTo(new Address("amq.topic", "a.b", null, false));
        assertThat(Address.parse("/exchanges/x/")).isEqualTo(new Address("x", "", null, false));
        assertThat(Address.parse("/exchanges/x")).isEqualTo(new Address("x", null, null, false));
        assertThat(Address.parse("plain.queue")).isEqualTo(new Address(null, null, "plain.queue", true));
        assertThat(Address.ofQueue("a/b c")).isEqualTo("/queues/a%2Fb%20c");
    }

    @Test
    void refusesWhatIsNoAddress() {
        for (String bad : new String[] {"/queue/x", "/queues/", "/queues/a/b", "/exchanges/", "/exchanges/amq.default/k",
            "/exchanges/x/a/b", ""}) {
            assertThatThrownBy(() -> Address.parse(bad)).as(bad).isInstanceOf(AmqpErrorException.class)
                    .extracting(e -> ((AmqpErrorException) e).condition().toString()).isEqualTo("amqp:invalid-field");
        }
    }
}
