package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
    @Test
    void noPeersByDefault() {
        assertThat(ClusterSettings.peers(BrokerConfig.defaults())).isEmpty();
    }

    @Test
    void peerListParsesFromTheCommandLineAndTheEnvironment() {
        BrokerConfig c = ConfigLoader.load(null, Map.of("TRIBUTARY_CLUSTER_PEERS", "0@10.0.0.1:7000, 1@node-b:7001,2@[::1]:7002"), Map.of());
        assertThat(ClusterSettings.peers(c)).containsExactly(new ClusterPeer(0, "10.0.0.1", 7000), new ClusterPeer(1, "node-b", 7001),
                new ClusterPeer(2, "::1", 7002));
        assertThat(ClusterSettings.peers(c).get(2).address()).isEqualTo("[::1]:7002");
        assertThat(ClusterSettings.peers(c).get(1)).hasToString("1@node-b:7001");
    }

    @Test
    void malformedPeerListsNameTheSetting() {
        for (String bad : List.of("0@host", "host:7000", "x@host:7000", "0@host:0", "0@a:1,0@b:2", "0@a:1,1@a:1", "0@:7000")) {
            assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("cluster.peers", bad)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageStartingWith("setting 'cluster.peers': ")
                    .hasMessageContaining("is not a peer list");
        }
    }

    @Test
    void theLocalStoreIsTheDefaultAndPeersImplyRaft() {
        assertThat(ClusterSettings.raftMetadata(BrokerConfig.defaults())).isFalse();
        assertThat(ClusterSettings.raftMetadata(ConfigLoader.load(null, Map.of(), Map.of("cluster.metadata.store", "raft")))).isTrue();
        assertThat(ClusterSettings.raftMetadata(ConfigLoader.load(null, Map.of(), Map.of("cluster.peers", "0@127.0.0.1:7000")))).isTrue();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("cluster.metadata.store", "zookeeper")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("setting 'cluster.metadata.store': ");
    }
}
