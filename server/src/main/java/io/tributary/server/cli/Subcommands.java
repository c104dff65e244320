package io.tributary.server.cli;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;

/** What the {@code tributary <subcommand>} commands share: how they run and where their configuration comes from. */
final class Subcommands {
    private Subcommands() {
    }

    /**
     * Runs a picocli command: output to {@code out}/{@code err}; a failure is one line
     * {@code "tributary NAME: message"} and exit code 2 for a usage or configuration error, 1 otherwise.
     */
    static int execute(Object root, String name, String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(root);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, c, p) -> {
            Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            err.println("tributary " + name + ": " + t.getMessage());
            return t instanceof IllegalArgumentException || t instanceof ConfigException ? 2 : 1;
        });
        return cl.execute(args);
    }

    /** The broker configuration as the broker would load it: {@code --config} or TRIBUTARY_CONFIG, the environment, then {@code overrides}. */
    static BrokerConfig config(Path configFile, Map<String, String> env, Map<String, String> overrides) {
        Path file = configFile != null ? configFile : env.containsKey("TRIBUTARY_CONFIG") ? Path.of(env.get("TRIBUTARY_CONFIG")) : null;
        return ConfigLoader.load(file, env, overrides);
    }
}
