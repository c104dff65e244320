package io.tributary.server.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import io.tributary.config.ClusterSettings;
import io.tributary.config.SecuritySettings;
import io.tributary.server.cli.UsersCommand;
import io.tributary.server.testing.TributaryBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tributary users ...} on a stopped broker's data directory, then logins against it; and the failed-login throttle. */
class SecurityUsersCliIT {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run users(String... args) {
        return users(dir, args);
    }

    private static Run users(Path dataDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = UsersCommand.run(args, Map.of("TRIBUTARY_DATA_DIR", dataDir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usersAddedFromTheCommandLineLogInAndTheBrokerHoldsTheDirectory() throws Exception {
        assertThat(users("add", "erin", "--password", "erin-secret", "--tags", "management,monitoring").code()).isZero();
        assertThat(users("set-permissions", "erin", "--vhost", "/", "^erin.*", "^erin.*", "^erin.*").code()).isZero();
        assertThat(users("delete", "guest").code()).isZero();
        Run list = users("list");
        assertThat(list.out()).contains("erin\ttags=management,monitoring").contains("vhost /\tconfigure=^erin.*").doesNotContain("guest");
        assertThat(new String(Files.readAllBytes(dir.resolve("meta/metadata.log")), StandardCharsets.ISO_8859_1)).doesNotContain("erin-secret");
        assertThat(users("passwd", "nobody", "--password", "x").err()).contains("no user 'nobody'");

        try (TributaryBroker broker = TributaryBroker.startIn(dir, b -> b)) {
            try (Connection c = SecurityAmqp091IT.factory(broker, "erin", "erin-secret").newConnection()) {
                c.createChannel().queueDeclare("erin-q", false, false, true, null);
            }
            assertThatThrownBy(() -> SecurityAmqp091IT.factory(broker, "guest", "guest").newConnection())
                    .isInstanceOf(AuthenticationFailureException.class);
            Run whileRunning = users("list");
            assertThat(whileRunning.code()).isEqualTo(2);
            assertThat(whileRunning.err()).contains("in use by another Tributary process");
        }
    }

    @Test
    void onTheRaftMetadataStoreTheCommandEditsTheSameRecordsTheBrokerReads() throws Exception {
        Map<String, String> env = Map.of("TRIBUTARY_DATA_DIR", dir.toString(), "TRIBUTARY_CLUSTER_METADATA_STORE", "raft");
        for (String[] args : new String[][] {{"add", "hank", "--password", "hank-secret"}, {"set-permissions", "hank", ".*", ".*", ".*"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = UsersCommand.run(args, env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }
        assertThat(dir.resolve("meta/raft")).isDirectory();
        try (TributaryBroker broker = TributaryBroker.startIn(dir, b -> b.set(ClusterSettings.METADATA_STORE, ClusterSettings.STORE_RAFT))) {
            try (Connection c = SecurityAmqp091IT.factory(broker, "hank", "hank-secret").newConnection()) {
                assertThat(c.isOpen()).isTrue();
            }
        }
    }

    @Test
    void definitionsExportAndImportCarryUsersWithoutPasswords(@TempDir Path other) throws Exception {
        assertThat(users("add", "frank", "--password", "frank-secret", "--tags", "monitoring").code()).isZero();
        assertThat(users("set-permissions", "frank", "^frank.*", "^frank.*", "^frank.*").code()).isZero();
        Path exported = other.resolve("definitions.json");
        assertThat(users("export", exported.toString()).code()).isZero();
        String json = Files.readString(exported);
        assertThat(json).contains("\"frank\"").contains("SCRAM-SHA-512").doesNotContain("frank-secret");
        Path target = other.resolve("data");
        Files.writeString(other.resolve("by-hand.json"), "{\"users\":[{\"name\":\"gina\",\"password\":\"gina-pw\",\"tags\":\"management\"}],"
                + "\"permissions\":[{\"user\":\"gina\",\"vhost\":\"/\",\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}]}");
        assertThat(users(target, "import", exported.toString()).code()).isZero();
        assertThat(users(target, "import", other.resolve("by-hand.json").toString()).code()).isZero();
        try (TributaryBroker broker = TributaryBroker.startIn(target, b -> b)) {
            for (String[] login : new String[][] {{"frank", "frank-secret"}, {"gina", "gina-pw"}}) {
                try (Connection c = SecurityAmqp091IT.factory(broker, login[0], login[1]).newConnection()) {
                    assertThat(c.isOpen()).isTrue();
                }
            }
            assertThat(broker.broker().userStore().tags("frank")).containsExactly("monitoring");
        }
    }

    @Test
    void repeatedFailedLoginsFromOneAddressAreRefusedUntilTheWindowPasses() throws Exception {
        try (TributaryBroker broker = TributaryBroker.startIn(dir, b -> b.set(SecuritySettings.AUTH_FAILURE_LIMIT, 3)
                .set(SecuritySettings.AUTH_FAILURE_WINDOW_MS, 3_000L))) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> SecurityAmqp091IT.factory(broker, "guest", "guess").newConnection())
                        .isInstanceOf(AuthenticationFailureException.class);
            }
            assertThatThrownBy(() -> SecurityAmqp091IT.factory(broker, "guest", "guest").newConnection())
                    .as("even the right password is refused while throttled").isInstanceOf(AuthenticationFailureException.class);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                try (Connection c = SecurityAmqp091IT.factory(broker, "guest", "guest").newConnection()) {
                    return c.isOpen();
                }
            });
        }
    }
}
