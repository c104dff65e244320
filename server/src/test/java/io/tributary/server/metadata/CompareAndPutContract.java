package io.tributary.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.metadata.MetadataStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every store's {@code compareAndPut} must do: write when the current JSON is exactly the
 * expected one (null: absent), refuse otherwise, and let listeners hear only of writes that changed
 * a record. Leaves {@link #KIND}/{@link #KEY} at {@link #LAST} for a restart check.
 */
public final class CompareAndPutContract {
    public static final String KIND = "partition";
    public static final String KEY = "orders-0";
    public static final String LAST = "{\"leader\":2,\"epoch\":4}";

    private CompareAndPutContract() {
    }

    /** Runs the contract against a fresh, empty store. */
    public static void check(MetadataStore s) {
        List<String> heard = new CopyOnWriteArrayList<>();
        s.addListener(KIND, (kind, key, json) -> heard.add(key + "=" + json));
        String first = "{\"leader\":0,\"epoch\":1}";
        String second = "{\"leader\":1,\"epoch\":2}";

        assertThat(s.compareAndPut(KIND, KEY, "{}", first).join()).as("expected a record that is absent").isFalse();
        assertThat(s.get(KIND, KEY)).isNull();
        assertThat(s.compareAndPut(KIND, KEY, null, first).join()).as("null expected: absent").isTrue();
        assertThat(s.get(KIND, KEY)).isEqualTo(first);
        assertThat(s.compareAndPut(KIND, KEY, null, second).join()).as("null expected: present").isFalse();
        assertThat(s.compareAndPut(KIND, KEY, "{\"leader\": 0,\"epoch\":1}", second).join()).as("same JSON spelled otherwise").isFalse();
        assertThat(s.get(KIND, KEY)).isEqualTo(first);
        assertThat(s.compareAndPut(KIND, KEY, first, second).join()).isTrue();
        assertThat(s.get(KIND, KEY)).isEqualTo(second);
        assertThat(s.compareAndPut(KIND, KEY, first, "{\"stale\":true}").join()).as("expected an older JSON").isFalse();
        assertThat(s.compareAndPut(KIND, KEY, second, second).join()).as("rewriting the same JSON is a write").isTrue();

        // Pipelined from one expected JSON: applied in order, so the first wins and the rest see its JSON.
        List<CompletableFuture<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            racing.add(s.compareAndPut(KIND, KEY, second, "{\"leader\":" + i + ",\"epoch\":3}"));
        }
        assertThat(racing.stream().map(CompletableFuture::join).toList()).containsExactly(true, false, false, false, false);
        String third = "{\"leader\":0,\"epoch\":3}";
        assertThat(s.get(KIND, KEY)).isEqualTo(third);

        s.delete(KIND, KEY).join();
        assertThat(s.compareAndPut(KIND, KEY, third, first).join()).as("expected a deleted record").isFalse();
        assertThat(s.compareAndPut(KIND, KEY, null, third).join()).as("absent again after a delete").isTrue();
        assertThat(s.compareAndPut(KIND, KEY, third, LAST).join()).isTrue();
        assertThat(s.compareAndPut("other", KEY, null, "{}").join()).isTrue();

        // Refused writes and the write of the JSON already there are not heard; other kinds are not either.
        List<String> expected = List.of(KEY + "=" + first, KEY + "=" + second, KEY + "=" + third, KEY + "=null", KEY + "=" + third,
                KEY + "=" + LAST);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard).containsExactlyElementsOf(expected));
        assertThat(s.get(KIND, KEY)).isEqualTo(LAST);
    }

    /**
     * On a store reopened after {@link #check}: the last write is there and decides the next
     * comparison. Returns the JSON it leaves.
     */
    public static String checkAfterRestart(MetadataStore s) {
        assertThat(s.get(KIND, KEY)).isEqualTo(LAST);
        assertThat(s.compareAndPut(KIND, KEY, null, "{}").join()).isFalse();
        assertThat(s.compareAndPut(KIND, KEY, "{\"leader\":0,\"epoch\":3}", "{}").join()).isFalse();
        String next = "{\"leader\":0,\"epoch\":5}";
        assertThat(s.compareAndPut(KIND, KEY, LAST, next).join()).isTrue();
        assertThat(s.get(KIND, KEY)).isEqualTo(next);
        return next;
    }
}
