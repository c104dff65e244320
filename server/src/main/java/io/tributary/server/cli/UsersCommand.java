package io.tributary.server.cli;

import io.tributary.config.BrokerConfig;
import io.tributary.config.NodeSettings;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.config.security.VhostPermissions;
import io.tributary.server.Broker;
import io.tributary.server.security.User;
import io.tributary.server.security.UserStore;
import io.tributary.server.storage.DataDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary users ...}: manages the user store in the data directory of a stopped broker
 * (the directory's lock keeps a running broker and this command apart), as {@code rabbitmqctl}'s
 * user and permission commands do.
 *
 * <pre>
 * tributary users list
 * tributary users add NAME --password SECRET [--tags administrator,management]
 * tributary users passwd NAME --password SECRET
 * tributary users tags NAME [TAG...]
 * tributary users delete NAME
 * tributary users set-permissions NAME [--vhost /] CONFIGURE WRITE READ
 * tributary users clear-permissions NAME [--vhost /]
 * tributary users export FILE          (definitions JSON: users with SCRAM secrets, permissions; "-" = stdout)
 * tributary users import FILE
 * </pre>
 */
@Command(name = "users", description = "Manage users and permissions in the data directory of a stopped broker.",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.Add.class, UsersCommand.Passwd.class, UsersCommand.Tags.class,
                UsersCommand.Delete.class, UsersCommand.SetPermissions.class, UsersCommand.ClearPermissions.class, UsersCommand.Export.class,
                UsersCommand.Import.class},
        mixinStandardHelpOptions = true)
public final class UsersCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file (for data.dir).", scope = CommandLine.ScopeType.INHERIT)
    Path configFile;

    @Option(names = "--data.dir", paramLabel = "DIR", description = "The broker's data directory.", scope = CommandLine.ScopeType.INHERIT)
    Path dataDir;

    private Map<String, String> env = Map.of();
    private PrintStream out = System.out;

    /** Runs {@code tributary users ARGS}; returns the exit code (0 ok, 1 failed, 2 usage). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        UsersCommand root = new UsersCommand();
        root.env = env;
        root.out = out;
        return Subcommands.execute(root, "users", args, out, err);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return 2;
    }

    /** Opens the data directory (refused while a broker holds it), runs {@code work}, closes. */
    int withStore(StoreWork work) throws IOException {
        BrokerConfig config = Subcommands.config(configFile, env, dataDir == null ? Map.of() : Map.of(NodeSettings.DATA_DIR.name(), dataDir.toString()));
        try (DataDirectory dir = DataDirectory.open(config.get(NodeSettings.DATA_DIR));
             MetadataStore metadata = Broker.openMetadataStore(config, dir)) {
            work.run(UserStore.open(metadata, config), out);
            if (dir.previousShutdownClean()) {
                dir.markCleanShutdown();
            }
        }
        return 0;
    }

    @FunctionalInterface
    interface StoreWork {
        void run(UserStore store, PrintStream out);
    }

    static Set<String> tags(List<String> raw) {
        Set<String> tags = new LinkedHashSet<>();
        for (String t : raw) {
            Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(tags::add);
        }
        return tags;
    }

    @Command(name = "list", description = "List users with their tags and permissions.")
    static final class ListUsers implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;

        @Override
        public Integer call() throws IOException {
            return parent.withStore((store, out) -> {
                for (User u : store.users().values()) {
                    out.println(u.name() + "\ttags=" + String.join(",", new java.util.TreeSet<>(u.tags())) + (u.hasPassword() ? "" : "\t(no password)"));
                    store.permissionsOf(u.name()).forEach((vhost, p) -> out.println("\tvhost " + vhost + "\tconfigure=" + p.configure()
                            + "\twrite=" + p.write() + "\tread=" + p.read()));
                }
            });
        }
    }

    @Command(name = "add", description = "Create a user (or replace one's password and tags).")
    static final class Add implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--password", paramLabel = "SECRET", description = "Password; omit for a certificate-only user.")
        String password;
        @Option(names = "--tags", paramLabel = "TAGS", split = ",", description = "Comma-separated tags (administrator, management, monitoring).")
        List<String> tags = List.of();

        @Override
        public Integer call() throws IOException {
            return parent.withStore((store, out) -> {
                store.putUser(name, password, tags(tags)).join();
                out.println("user '" + name + "' saved");
            });
        }
    }

    @Command(name = "passwd", description = "Change a user's password.")
    static final class Passwd implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--password", paramLabel = "SECRET", required = true)
        String password;

        @Override
        public Integer call() throws IOException {
            return parent.withStore((store, out) -> {
                store.setPassword(name, password).join();
                out.println("password of '" + name + "' changed");
            });
        }
    }

    @Command(name = "tags", description = "Replace a user's tags (none given: clear them).")
    static final class Tags implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1..*", paramLabel = "TAG")
        List<String> tags = List.of();

        @Override
        public Integer call() throws IOException {
            return parent.withStore((store, out) -> {
                store.setTags(name, tags(tags)).join();
                out.println("tags of '" + name + "' set");
            });
        }
    }

    @Command(name = "delete", description = "Delete a user and its permissions.")
    static final class Delete implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            return parent.withStore((store, out) -> {
                store.deleteUser(name).join();
                out.println("user '" + name + "' deleted");
            });
        }
    }

    @Command(name = "set-permissions", description = "Set a user's permissions in a virtual host (regular expressions, as rabbitmqctl).")
    static final class SetPermissions implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "CONFIGURE")
        String configure;
        @Parameters(index = "2", paramLabel = "WRITE")
        String write;
        @Parameters(index = "3", paramLabel = "READ")
        String read;
        @Option(names = {"-p", "--vhost"}, defaultValue = "/")
        String vhost;

        @Override
        public Integer call() throws IOException {
            VhostPermissions p = new VhostPermissions(configure, write, read);
            return parent.withStore((store, out) -> {
                store.setPermissions(name, vhost, p).join();
                out.println("permissions of '" + name + "' in vhost '" + vhost + "' set");
            });
        }
    }

    @Command(name = "clear-permissions", description = "Remove a user's permissions in a virtual host.")
    static final class ClearPermissions implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = {"-p", "--vhost"}, defaultValue = "/")
        String vhost;

        @Override
        public Integer call() throws IOException {
            return parent.withStore((store, out) -> {
                store.clearPermissions(name, vhost).join();
                out.println("permissions of '" + name + "' in vhost '" + vhost + "' cleared");
            });
        }
    }

    @Command(name = "export", description = "Write users and permissions as definitions JSON (SCRAM secrets, never passwords).")
    static final class Export implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "FILE", description = "Where to write; - for standard output.")
        String file;

        @Override
        public Integer call() throws IOException {
            String[] json = new String[1];
            int code = parent.withStore((store, out) -> json[0] = io.tributary.server.security.UserDefinitions.export(store));
            if ("-".equals(file)) {
                parent.out.println(json[0]);
            } else {
                java.nio.file.Files.writeString(Path.of(file), json[0]);
            }
            return code;
        }
    }

    @Command(name = "import", description = "Create or replace the users and permissions of a definitions JSON file.")
    static final class Import implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            String json = java.nio.file.Files.readString(file);
            return parent.withStore((store, out) -> {
                io.tributary.server.security.UserDefinitions.importInto(store, json).join();
                out.println("imported " + file);
            });
        }
    }
}
