package io.tributary.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary queues ...}: a running cluster's quorum queue replicas, as RabbitMQ's
 * {@code rabbitmq-queues} manages them, through a node's management HTTP API (administrator).
 *
 * <pre>
 * tributary queues add-member QUEUE NODE [--vhost /]
 * tributary queues delete-member QUEUE NODE [--vhost /]
 * tributary queues grow NODE [--vhost-pattern .*] [--queue-pattern .*] [--strategy all|even]
 * tributary queues shrink NODE
 * tributary queues rebalance
 *   common: [--url http://localhost:15672] [--user guest] [--password guest]   (or TRIBUTARY_API_URL / _USER / _PASSWORD)
 * </pre>
 *
 * Nodes are cluster node ids. Exits 0 when the node did it, 1 when it refused (its reason on stderr,
 * or per queue for grow and shrink), 2 for a usage error.
 */
@Command(name = "queues", description = "Manage quorum queue replicas of a running cluster (through its HTTP API).",
        subcommands = {QueuesCommand.AddMember.class, QueuesCommand.DeleteMember.class, QueuesCommand.Grow.class, QueuesCommand.Shrink.class,
                QueuesCommand.Rebalance.class},
        mixinStandardHelpOptions = true)
public final class QueuesCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", paramLabel = "URL", description = "A node's management API (default: TRIBUTARY_API_URL, else http://localhost:15672).",
            scope = CommandLine.ScopeType.INHERIT)
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "An administrator (default: TRIBUTARY_API_USER, else guest).",
            scope = CommandLine.ScopeType.INHERIT)
    String user;

    @Option(names = "--password", paramLabel = "SECRET", description = "Its password (default: TRIBUTARY_API_PASSWORD, else guest).",
            scope = CommandLine.ScopeType.INHERIT)
    String password;

    private Map<String, String> env = Map.of();
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Runs {@code tributary queues ARGS}; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        QueuesCommand root = new QueuesCommand();
        root.env = env;
        root.out = out;
        root.err = err;
        return Subcommands.execute(root, "queues", args, out, err);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return 2;
    }

    /** One call; prints the node's refusal and returns 1 unless it answered 2xx. */
    int call(String method, String path, Map<String, Object> body) {
        String base = url != null ? url : env.getOrDefault("TRIBUTARY_API_URL", "http://localhost:15672");
        String name = user != null ? user : env.getOrDefault("TRIBUTARY_API_USER", "guest");
        String secret = password != null ? password : env.getOrDefault("TRIBUTARY_API_PASSWORD", "guest");
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path)).timeout(Duration.ofSeconds(60))
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                err.println("tributary queues: " + response.statusCode() + " " + reason(response.body()));
                return 1;
            }
            return perQueue(response.body());
        } catch (IOException e) {
            err.println("tributary queues: cannot reach " + base + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** grow and shrink answer one result per queue: a line each; 1 when any failed. */
    private int perQueue(String body) throws IOException {
        if (body == null || body.isBlank()) {
            out.println("done");
            return 0;
        }
        JsonNode results = JSON.readTree(body);
        int code = 0;
        for (JsonNode r : results) {
            boolean ok = "ok".equals(r.path("result").asText());
            out.println(r.path("vhost").asText() + " " + r.path("name").asText() + ": " + (ok ? "ok" : "error: " + r.path("reason").asText())
                    + " (" + r.path("size").asInt() + " members)");
            code = ok ? code : 1;
        }
        if (results.isEmpty()) {
            out.println("no queue to change");
        }
        return code;
    }

    private static String reason(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("reason").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One queue's member on one node: what add-member and delete-member share. */
    abstract static class OneMember implements Callable<Integer> {
        @CommandLine.ParentCommand
        QueuesCommand parent;
        @Parameters(index = "0", paramLabel = "QUEUE")
        String queue;
        @Parameters(index = "1", paramLabel = "NODE")
        int node;
        @Option(names = "--vhost", description = "The queue's virtual host (default ${DEFAULT-VALUE}).")
        String vhost = "/";

        /** The HTTP method and the last path segment of the queue's replicas resource. */
        abstract String[] methodAndAction();

        @Override
        public Integer call() {
            String[] m = methodAndAction();
            return parent.call(m[0], "/api/queues/quorum/" + enc(vhost) + "/" + enc(queue) + "/replicas/" + m[1], Map.of("node", node));
        }
    }

    @Command(name = "add-member", description = "Add a replica of one quorum queue on a node.")
    static final class AddMember extends OneMember {
        @Override
        String[] methodAndAction() {
            return new String[] {"POST", "add"};
        }
    }

    @Command(name = "delete-member", description = "Remove a node's replica of one quorum queue.")
    static final class DeleteMember extends OneMember {
        @Override
        String[] methodAndAction() {
            return new String[] {"DELETE", "delete"};
        }
    }

    @Command(name = "grow", description = "Add a replica on a node to every matching quorum queue that has none there.")
    static final class Grow implements Callable<Integer> {
        @CommandLine.ParentCommand
        QueuesCommand parent;
        @Parameters(index = "0", paramLabel = "NODE")
        int node;
        @Option(names = "--vhost-pattern", description = "Regular expression of virtual hosts (default ${DEFAULT-VALUE}).")
        String vhostPattern = ".*";
        @Option(names = "--queue-pattern", description = "Regular expression of queue names (default ${DEFAULT-VALUE}).")
        String queuePattern = ".*";
        @Option(names = "--strategy", description = "all, or even: only queues with an even number of members (default ${DEFAULT-VALUE}).")
        String strategy = "all";

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("vhost_pattern", vhostPattern);
            body.put("queue_pattern", queuePattern);
            body.put("strategy", strategy);
            return parent.call("POST", "/api/queues/quorum/replicas/on/" + node + "/grow", body);
        }
    }

    @Command(name = "shrink", description = "Remove a node's replicas from every quorum queue (not the last of one).")
    static final class Shrink implements Callable<Integer> {
        @CommandLine.ParentCommand
        QueuesCommand parent;
        @Parameters(index = "0", paramLabel = "NODE")
        int node;

        @Override
        public Integer call() {
            return parent.call("DELETE", "/api/queues/quorum/replicas/on/" + node + "/shrink", Map.of());
        }
    }

    @Command(name = "rebalance", description = "Spread the quorum queues' leaders over the nodes (the node answers at once and works on).")
    static final class Rebalance implements Callable<Integer> {
        @CommandLine.ParentCommand
        QueuesCommand parent;

        @Override
        public Integer call() {
            return parent.call("POST", "/api/rebalance/queues", Map.of());
        }
    }
}
