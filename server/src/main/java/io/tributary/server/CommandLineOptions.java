package io.tributary.server;

import io.tributary.config.Setting;
import io.tributary.config.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line, built from the settings registry so that every setting is a flag
 * ({@code --kafka.port=9092}) and {@code --help} lists each with its type, default and
 * environment variable.
 */
final class CommandLineOptions {
    private final CommandLine commandLine;
    private final ParseResult result;

    private CommandLineOptions(CommandLine commandLine, ParseResult result) {
        this.commandLine = commandLine;
        this.result = result;
    }

    static CommandLineOptions parse(String[] args) {
        CommandSpec spec = CommandSpec.create().name("tributary");
        spec.usageMessage()
                .description("One broker for Kafka clients and AMQP 0-9-1 / 1.0 clients.",
                        "Settings come from, in rising precedence: defaults, --config FILE (YAML), "
                                + "TRIBUTARY_* environment variables, and these flags.",
                        "Users and permissions: 'tributary users --help' (on a stopped broker's data directory).",
                        "Cluster metadata group: 'tributary cluster status' (each peer's Raft role, term, leader, indexes).",
                        "Quorum queue replicas of a running cluster: 'tributary queues --help' (grow, shrink, rebalance).")
                .sortOptions(false)
                .width(120);
        spec.addOption(OptionSpec.builder("-c", "--config").paramLabel("FILE").type(Path.class)
                .description("YAML configuration file (keys nested or dotted, e.g. kafka.port: 9092).").build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print the version and exit.").build());
        for (Setting<?> s : Settings.all()) {
            spec.addOption(OptionSpec.builder("--" + s.name())
                    .paramLabel("<" + s.typeName() + ">")
                    .type(String.class)
                    .description(s.doc() + " Default: " + s.format(s.defaultValue()) + ". Env: " + s.envName() + ".")
                    .build());
        }
        CommandLine cl = new CommandLine(spec);
        return new CommandLineOptions(cl, cl.parseArgs(args));
    }

    boolean helpRequested() {
        return result.isUsageHelpRequested();
    }

    boolean versionRequested() {
        return result.isVersionHelpRequested();
    }

    Path configFile() {
        return result.matchedOptionValue("--config", null);
    }

    /** Settings given as flags, by setting name, as text. */
    Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : Settings.all()) {
            String v = result.matchedOptionValue("--" + s.name(), null);
            if (v != null) {
                out.put(s.name(), v);
            }
        }
        return out;
    }

    void printHelp(PrintStream out) {
        commandLine.usage(out);
    }
}
