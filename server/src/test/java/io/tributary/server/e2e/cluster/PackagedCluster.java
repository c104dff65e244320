package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.PackagedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Packaged brokers of one cluster, each a process of its own under {@code <tmp>/node-<i>} (data and
 * one log file per start), for the failover tests: start together, signal ({@code kill -STOP},
 * {@code -CONT}), kill -9 and restart, and print what their logs say when a test fails.
 */
final class PackagedCluster implements AutoCloseable {
    /** A node's start: the JVM, the Raft group's catch-up, the logs' recovery, on a shared machine. */
    static final Duration START = Duration.ofSeconds(120);

    private final Path tmp;
    private final PackagedBroker[] nodes;
    private Integer paused;

    /** Nodes {@code 0..n-1} with {@code cluster.peers} on free Raft ports and the given extra arguments each. */
    PackagedCluster(Path tmp, int n, String... extraArgs) throws IOException {
        this.tmp = tmp;
        this.nodes = new PackagedBroker[n];
        String peers = IntStream.range(0, n).mapToObj(i -> i + "@127.0.0.1:" + PackagedBroker.freePort()).collect(Collectors.joining(","));
        for (int i = 0; i < n; i++) {
            Path home = Files.createDirectories(tmp.resolve("node-" + i));
            List<String> args = new ArrayList<>(List.of("--node.id=" + i, "--cluster.peers=" + peers, "--cluster.election.timeout.ms=500"));
            args.addAll(List.of(extraArgs));
            nodes[i] = new PackagedBroker(home.resolve("data"), args.toArray(String[]::new));
        }
    }

    /** Launches every node, then waits until each is healthy (none is alone: each waits for a Raft majority). */
    PackagedCluster start() {
        for (PackagedBroker n : nodes) {
            n.launch();
        }
        for (PackagedBroker n : nodes) {
            n.awaitHealthy(START);
        }
        return this;
    }

    PackagedBroker node(int i) {
        return nodes[i];
    }

    int size() {
        return nodes.length;
    }

    Stream<PackagedBroker> stream() {
        return Stream.of(nodes);
    }

    /** The node stopped with SIGSTOP and not continued yet, or null. */
    Integer paused() {
        return paused;
    }

    /** Starts a killed node again; returns how long it took to be healthy, in seconds. */
    double restart(int node) {
        long t = System.nanoTime();
        nodes[node].start(START);
        return (System.nanoTime() - t) / 1e9;
    }

    void pause(int node) throws InterruptedException {
        signal(node, "STOP");
        paused = node;
    }

    void resume(int node) throws InterruptedException {
        signal(node, "CONT");
        paused = null;
    }

    private void signal(int node, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(nodes[node].pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s node %d", signal, node).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each node's lines of interest from all of its starts (the last 80 of each log), for a failure's diagnosis. */
    void printLogs(Predicate<String> interesting) {
        for (int i = 0; i < nodes.length; i++) {
            Path home = tmp.resolve("node-" + i);
            try (Stream<Path> files = Files.list(home)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("broker-")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(f).stream().filter(interesting).toList();
                    System.out.println("---- node " + i + " " + f.getFileName() + " (" + lines.size() + " lines of interest, last 80) ----");
                    lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
                }
            } catch (IOException e) {
                System.out.println("node " + i + ": logs unreadable: " + e);
            }
        }
    }

    /** Continues a paused node, then stops every node. */
    @Override
    public void close() throws InterruptedException {
        if (paused != null) {
            resume(paused);
        }
        for (PackagedBroker n : nodes) {
            if (n != null) {
                n.close();
            }
        }
    }
}
