package io.tributary.server.e2e.cluster;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ClusterSettings;
import io.tributary.config.NodeSettings;
import io.tributary.server.testing.PackagedBroker;
import io.tributary.server.testing.TributaryBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Brokers of one cluster in this JVM, started together (each waits for a Raft majority before it serves). */
final class InProcessCluster {
    private InProcessCluster() {
    }

    /** {@code cluster.peers} for {@code n} nodes on free loopback Raft ports. */
    static String peers(int n) {
        return IntStream.range(0, n).mapToObj(i -> i + "@127.0.0.1:" + PackagedBroker.freePort()).collect(Collectors.joining(","));
    }

    /** A node's id and peers, with the short Raft election timeout the cluster tests use. */
    static BrokerConfig.Builder node(BrokerConfig.Builder b, int id, String peers) {
        return b.set(NodeSettings.NODE_ID, id).set(ClusterSettings.PEERS, List.of(peers.split(","))).set(ClusterSettings.ELECTION_TIMEOUT_MS, 500);
    }

    /** Closes every node, those a test stopped already included. */
    static void closeAll(List<TributaryBroker> nodes) {
        nodes.forEach(n -> {
            try {
                n.close();
            } catch (RuntimeException e) {
                // stopped by the test already
            }
        });
    }

    /** Starts nodes {@code 0..n-1} at once; {@code settings} adds each node's own settings to {@link #node}'s. */
    static List<TributaryBroker> start(int n, String peers, BiFunction<BrokerConfig.Builder, Integer, BrokerConfig.Builder> settings) {
        List<CompletableFuture<TributaryBroker>> starting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            starting.add(CompletableFuture.supplyAsync(() -> TributaryBroker.start(b -> settings.apply(node(b, id, peers), id))));
        }
        return starting.stream().map(CompletableFuture::join).collect(Collectors.toCollection(ArrayList::new));
    }
}
