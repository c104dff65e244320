package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code x-max-priority} and {@code x-single-active-consumer}. */
class PriorityAndConsumersIT extends QueueTestBase {
    @Test
    void higherPrioritiesGoFirstAndFifoWithinOne() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("prio", false, false, false, Map.of("x-max-priority", 10));
            ch.basicPublish("", "prio", null, bytes("none-1"));
            ch.basicPublish("", "prio", Rabbit.priority(5), bytes("five-1"));
            ch.basicPublish("", "prio", Rabbit.priority(9), bytes("nine"));
            ch.basicPublish("", "prio", Rabbit.priority(5), bytes("five-2"));
            ch.basicPublish("", "prio", Rabbit.priority(200), bytes("capped-to-ten"));
            ch.basicPublish("", "prio", null, bytes("none-2"));
            assertThat(ch.messageCount("prio")).isEqualTo(6);
            assertThat(Rabbit.drain(ch, "prio")).containsExactly("capped-to-ten", "nine", "five-1", "five-2", "none-1", "none-2");
        }
    }

    @Test
    void aConsumerGetsHigherPrioritiesFirstFromABacklog() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("prio.consumer", false, false, false, Map.of("x-max-priority", 3));
            for (int i = 0; i < 4; i++) {
                ch.basicPublish("", "prio.consumer", Rabbit.priority(i), bytes("p" + i));
            }
            Rabbit.Recorder r = new Rabbit.Recorder(ch);
            ch.basicConsume("prio.consumer", true, r);
            await().until(() -> r.got.size() == 4);
            assertThat(r.bodies()).containsExactly("p3", "p2", "p1", "p0");
        }
    }

    @Test
    void onlyTheSingleActiveConsumerGetsMessagesAndTheNextTakesOverInOrder() throws Exception {
        Channel first = channel();
        try (Channel ch = channel(); Channel second = channel()) {
            ch.queueDeclare("sac", false, false, false, Map.of("x-single-active-consumer", true));
            first.basicQos(2);
            Rabbit.Recorder a = new Rabbit.Recorder(first);
            Rabbit.Recorder b = new Rabbit.Recorder(second);
            first.basicConsume("sac", false, a);
            second.basicConsume("sac", false, b);
            await().until(() -> ch.consumerCount("sac") == 2);
            for (int i = 0; i < 5; i++) {
                ch.basicPublish("", "sac", null, bytes("m" + i));
            }
            await().until(() -> a.got.size() == 2);
            first.basicAck(a.got.get(0).tag(), false);
            await().until(() -> a.got.size() == 3);
            assertThat(b.got).isEmpty();
            first.close();
            await().until(() -> b.got.size() == 4);
            assertThat(b.bodies()).containsExactly("m1", "m2", "m3", "m4");
            assertThat(b.got).map(Rabbit.Got::redelivered).containsExactly(true, true, false, false);
        }
    }
}
