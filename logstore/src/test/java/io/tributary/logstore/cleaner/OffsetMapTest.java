package io.tributary.logstore.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffsetMapTest {
    private static ByteBuffer key(String k) {
        return ByteBuffer.wrap(k.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheLatestOffsetPerKeyAndAnswersMinusOneForUnknownKeys() {
        OffsetMap map = new OffsetMap(24 * 100);
        map.put(key("a"), 3);
        map.put(key("b"), 4);
        map.put(key("a"), 9);
        assertThat(map.get(key("a"))).isEqualTo(9);
        assertThat(map.get(key("b"))).isEqualTo(4);
        assertThat(map.get(key("c"))).isEqualTo(-1);
        assertThat(map.size()).isEqualTo(2);
        map.clear();
        assertThat(map.get(key("a"))).isEqualTo(-1);
        assertThat(map.size()).isZero();
    }

    @Test
    void offsetZeroIsAValidOffsetAndTheKeyBufferIsNotMoved() {
        OffsetMap map = new OffsetMap(24 * 10);
        ByteBuffer k = key("k");
        map.put(k, 0);
        assertThat(k.remaining()).isEqualTo(1);
        assertThat(map.get(k)).isZero();
    }

    @Test
    void refusesToGrowPastItsLoadFactor() {
        OffsetMap map = new OffsetMap(24 * 10);
        assertThat(map.capacity()).isEqualTo(9);
        for (int i = 0; i < 9; i++) {
            map.put(key("k" + i), i);
        }
        assertThat(map.hasRoomFor(1)).isFalse();
        assertThatThrownBy(() -> map.put(key("one-more"), 10)).isInstanceOf(IllegalStateException.class);
        map.put(key("k3"), 30);
        assertThat(map.get(key("k3"))).isEqualTo(30);
    }

    @Property(tries = 50)
    void agreesWithAHashMap(@ForAll @Size(max = 200) List<@IntRange(max = 300) Integer> keys) {
        OffsetMap map = new OffsetMap(24 * 400);
        Map<Integer, Long> model = new HashMap<>();
        long offset = 0;
        for (int k : keys) {
            map.put(key("key-" + k), offset);
            model.put(k, offset);
            offset++;
        }
        for (int k = 0; k <= 300; k++) {
            assertThat(map.get(key("key-" + k))).isEqualTo(model.getOrDefault(k, -1L));
        }
        assertThat(map.size()).isEqualTo(model.size());
    }
}
