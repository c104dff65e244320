package io.tributary.server;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.server.cli.ClusterCommand;
import io.tributary.server.cli.UsersCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * The {@code tributary} command: resolves configuration, starts a broker, and stops it on SIGTERM
 * or Ctrl-C. Exit codes: 0 after a requested stop, 1 when the broker died, 2 for a usage or
 * configuration error (one line on stderr, no stack trace).
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && "users".equals(args[0])) {
            return UsersCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), env, out, err);
        }
        if (args.length > 0 && "queues".equals(args[0])) {
            return io.tributary.server.cli.QueuesCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), env, out, err);
        }
        if (args.length > 0 && "cluster".equals(args[0])) {
            return ClusterCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), env, out, err);
        }
        CommandLineOptions options;
        try {
            options = CommandLineOptions.parse(args);
        } catch (CommandLine.ParameterException e) {
            err.println("tributary: " + e.getMessage() + " ('tributary --help' lists every option)");
            return EXIT_USAGE;
        }
        if (options.helpRequested()) {
            options.printHelp(out);
            return EXIT_OK;
        }
        if (options.versionRequested()) {
            out.println("tributary " + Version.get());
            return EXIT_OK;
        }
        BrokerConfig config;
        try {
            Path file = options.configFile() != null ? options.configFile()
                    : env.containsKey("TRIBUTARY_CONFIG") ? Path.of(env.get("TRIBUTARY_CONFIG")) : null;
            config = ConfigLoader.load(file, env, options.settings());
        } catch (ConfigException e) {
            err.println("tributary: " + e.getMessage());
            return EXIT_USAGE;
        }
        return runBroker(config, err);
    }

    private static int runBroker(BrokerConfig config, PrintStream err) {
        Logger logger = LoggerFactory.getLogger(Main.class);
        Broker broker = new Broker(config);
        CompletableFuture<Void> lifetime;
        try {
            lifetime = broker.start();
        } catch (ConfigException e) {
            err.println("tributary: " + e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            logger.error("Start-up failed", e);
            return EXIT_FAILED;
        }
        CompletableFuture<Void> stopRequested = new CompletableFuture<>();
        Runnable requestStop = () -> stopRequested.complete(null);
        // Handle TERM and INT ourselves so a requested stop exits 0 rather than the JVM's 143/130;
        // the hook covers any other orderly JVM exit.
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> requestStop.run());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::shutdown, "tributary-shutdown-hook"));
        stopRequested.thenRunAsync(broker::shutdown);
        try {
            lifetime.join();
            return EXIT_OK;
        } catch (CompletionException e) {
            logger.error("Broker stopped after a failure", e.getCause());
            return EXIT_FAILED;
        }
    }
}
