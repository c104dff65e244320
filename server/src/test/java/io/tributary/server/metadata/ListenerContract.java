package io.tributary.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.metadata.MetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What every store's listeners must see: each change once, in apply order, on one thread, only of their kind. */
public final class ListenerContract {
    private ListenerContract() {
    }

    /** Runs the contract against a fresh, empty store. */
    public static void check(MetadataStore s) {
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        s.addListener("topic", (kind, key, json) -> {
            heard.add(kind + "/" + key + "=" + json);
            threads.add(Thread.currentThread().getName());
        });
        s.put("topic", "orders", "{\"p\":1}").join();
        s.put("queue", "/|jobs", "{}").join();
        s.put("topic", "orders", "{\"p\":1}").join();
        assertThat(s.putIfAbsent("topic", "orders", "{\"p\":9}").join()).isFalse();
        assertThat(s.putIfAbsent("topic", "audit", "{\"p\":2}").join()).isTrue();
        assertThat(s.get("topic", "audit")).isEqualTo("{\"p\":2}");
        assertThat(s.get("topic", "missing")).isNull();
        for (int i = 0; i < 50; i++) {
            s.put("topic", "orders", "{\"p\":" + (10 + i) + "}");
        }
        s.delete("topic", "audit").join();
        s.delete("topic", "never-existed").join();

        // Writes that changed nothing (same value, lost put-if-absent, missing delete) are not heard.
        List<String> expected = new java.util.ArrayList<>(List.of("topic/orders={\"p\":1}", "topic/audit={\"p\":2}"));
        for (int i = 0; i < 50; i++) {
            expected.add("topic/orders={\"p\":" + (10 + i) + "}");
        }
        expected.add("topic/audit=null");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard).containsExactlyElementsOf(expected));
        assertThat(threads).containsOnly("metadata-listeners");
    }
}
