package io.tributary.server.cli;

import io.tributary.config.ClusterPeer;
import io.tributary.config.ClusterSettings;
import io.tributary.server.cluster.ClusterProbe;
import io.tributary.server.cluster.PeerStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary cluster ...}: looks at the cluster's metadata group from outside.
 *
 * <pre>
 * tributary cluster status [-c FILE] [--cluster.peers 0@host:7000,...] [--timeout-ms 2000]
 * </pre>
 *
 * {@code status} asks each member of the group (as the first configured peer that answers has the
 * members: joined nodes included) for its view (role, term, leader, committed, applied and snapshot
 * index) and prints one line per member; it exits 0 when a majority follows one leader, 1
 * otherwise, 2 for a usage error.
 */
@Command(name = "cluster", description = "Inspect the cluster's metadata group.", subcommands = ClusterCommand.Status.class,
        mixinStandardHelpOptions = true)
public final class ClusterCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file (for cluster.peers).",
            scope = CommandLine.ScopeType.INHERIT)
    Path configFile;

    @Option(names = "--cluster.peers", paramLabel = "PEERS", description = "The peers as id@host:port,... (default: from the configuration).",
            scope = CommandLine.ScopeType.INHERIT)
    String peers;

    private Map<String, String> env = Map.of();
    private PrintStream out = System.out;

    /** Runs {@code tributary cluster ARGS}; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ClusterCommand root = new ClusterCommand();
        root.env = env;
        root.out = out;
        return Subcommands.execute(root, "cluster", args, out, err);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return 2;
    }

    List<ClusterPeer> configuredPeers() {
        Map<String, String> overrides = peers == null ? Map.of() : Map.of(ClusterSettings.PEERS.name(), peers);
        return ClusterSettings.peers(Subcommands.config(configFile, env, overrides));
    }

    @Command(name = "status", description = "Print each peer's Raft role, term, leader and log indexes.")
    static final class Status implements Callable<Integer> {
        @CommandLine.ParentCommand
        ClusterCommand parent;

        @Option(names = "--timeout-ms", paramLabel = "MS", description = "How long to wait for each peer (default ${DEFAULT-VALUE}).")
        long timeoutMs = 2_000;

        @Override
        public Integer call() {
            List<ClusterPeer> configured = parent.configuredPeers();
            PrintStream out = parent.out;
            if (configured.isEmpty()) {
                throw new IllegalArgumentException("no cluster.peers configured: this node is not part of a cluster"
                        + " (a one-node Raft group, cluster.metadata.store=raft, has no fixed Raft port to ask)");
            }
            // the group's members now (a node that joined is asked too, a removed one not)
            List<ClusterPeer> peers = ClusterProbe.members(configured, Duration.ofMillis(timeoutMs));
            List<PeerStatus> statuses = ClusterProbe.ask(peers, Duration.ofMillis(timeoutMs));
            out.printf("%-4s %-24s %-12s %6s %-7s %10s %10s %10s%n", "ID", "ADDRESS", "ROLE", "TERM", "LEADER", "COMMITTED", "APPLIED", "SNAPSHOT");
            Map<String, Integer> votes = new HashMap<>();
            for (PeerStatus s : statuses) {
                if (s.error() != null) {
                    out.printf("%-4s %-24s %-12s %s%n", s.id(), s.address(), s.role(), s.error());
                    continue;
                }
                out.printf("%-4s %-24s %-12s %6d %-7s %10d %10d %10d%n", s.id(), s.address(), s.role(), s.term(),
                        Objects.toString(s.leaderId(), "-"), s.committedIndex(), s.appliedIndex(), s.snapshotIndex());
                if (s.leaderId() != null) {
                    votes.merge(s.leaderId(), 1, Integer::sum);
                }
            }
            String leader = votes.entrySet().stream().filter(e -> e.getValue() > peers.size() / 2).map(Map.Entry::getKey).findFirst()
                    .orElse(null);
            long reachable = statuses.stream().filter(s -> s.error() == null).count();
            out.println(leader == null ? "no leader followed by a majority (" + reachable + " of " + peers.size() + " peers reachable)"
                    : "leader: " + leader + " (" + reachable + " of " + peers.size() + " peers reachable)");
            return leader == null ? 1 : 0;
        }
    }
}
