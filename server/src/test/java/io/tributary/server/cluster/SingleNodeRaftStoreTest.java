package io.tributary.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.BrokerConfig;
import io.tributary.config.NodeSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleNodeRaftStoreTest {
    @TempDir
    Path dir;

    private RaftMetadataStore open() {
        return RaftMetadataStore.open(BrokerConfig.builder().set(NodeSettings.DATA_DIR, dir).build(), dir.resolve("meta"));
    }

    @Test
    void putsAndDeletesSurviveReopening() {
        try (RaftMetadataStore s = open()) {
            s.put("topic", "orders", "{\"partitions\":3}").join();
            s.put("topic", "audit", "{\"partitions\":1}").join();
            s.put("topic", "orders", "{\"partitions\":6}").join();
            s.delete("topic", "audit").join();
            s.delete("topic", "never-existed").join();
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"partitions\":6}"));
        }
        try (RaftMetadataStore s = open()) {
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"partitions\":6}"));
        }
    }
}
