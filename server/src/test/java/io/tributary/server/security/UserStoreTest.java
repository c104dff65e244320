package io.tributary.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.BrokerConfig;
import io.tributary.config.SecuritySettings;
import io.tributary.config.security.LoginRefusedException;
import io.tributary.config.security.UserDirectory;
import io.tributary.config.security.VhostPermissions;
import io.tributary.config.security.VhostPermissions.Operation;
import io.tributary.server.metadata.LocalMetadataStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user store over a real metadata store: hashing, the default user, loopback users, durability, throttling. */
class UserStoreTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("10.1.2.3", 40000);

    @TempDir
    Path dir;

    @Test
    void firstOpenCreatesGuestWhoMayLogInFromLoopbackOnly() throws Exception {
        try (LocalMetadataStore meta = LocalMetadataStore.open(dir)) {
            UserStore users = UserStore.open(meta, BrokerConfig.defaults());
            assertThat(users.authenticate("guest", "guest", LOCAL)).isEqualTo("guest");
            assertThat(users.tags("guest")).containsExactly("administrator");
            assertThat(users.permissions("guest", "/")).contains(VhostPermissions.ALL);
            assertThatThrownBy(() -> users.authenticate("guest", "guest", REMOTE)).isInstanceOf(LoginRefusedException.class)
                    .hasMessageContaining("can only connect via localhost");
            assertThatThrownBy(() -> users.authenticate("guest", "wrong", LOCAL)).isInstanceOf(LoginRefusedException.class);
        }
    }

    @Test
    void passwordsAreStoredAsSaltedScramSecretsAndSurviveReopening() throws Exception {
        try (LocalMetadataStore meta = LocalMetadataStore.open(dir)) {
            UserStore users = UserStore.open(meta, BrokerConfig.defaults());
            users.putUser("alice", "correct horse battery", Set.of("management")).join();
            users.setPermissions("alice", "/", new VhostPermissions("^alice.*", ".*", "")).join();
            users.deleteUser("guest").join();
        }
        String onDisk = new String(Files.readAllBytes(dir.resolve("metadata.log")), StandardCharsets.ISO_8859_1);
        assertThat(onDisk).contains("alice").doesNotContain("correct horse battery");
        try (LocalMetadataStore meta = LocalMetadataStore.open(dir)) {
            UserStore users = UserStore.open(meta, BrokerConfig.defaults());
            assertThat(users.exists("guest")).as("a deleted default user is not created again").isFalse();
            assertThat(users.authenticate("alice", "correct horse battery", REMOTE)).isEqualTo("alice");
            assertThat(users.scramSecret("alice", UserDirectory.SCRAM_SHA_512)).isPresent();
            VhostPermissions p = users.permissions("alice", "/").orElseThrow();
            assertThat(p.allows(Operation.CONFIGURE, "alice-q")).isTrue();
            assertThat(p.allows(Operation.CONFIGURE, "bob-q")).isFalse();
            assertThat(p.allows(Operation.READ, "alice-q")).as("an empty expression grants nothing").isFalse();
            assertThat(users.permissions("alice", "other")).isEmpty();
        }
    }

    @Test
    void twoUsersWithTheSamePasswordGetDifferentSalts() throws Exception {
        try (LocalMetadataStore meta = LocalMetadataStore.open(dir)) {
            UserStore users = UserStore.open(meta, BrokerConfig.defaults());
            users.putUser("a", "same", Set.of()).join();
            users.putUser("b", "same", Set.of()).join();
            assertThat(users.scramSecret("a", UserDirectory.SCRAM_SHA_256).orElseThrow().storedKey())
                    .isNotEqualTo(users.scramSecret("b", UserDirectory.SCRAM_SHA_256).orElseThrow().storedKey());
        }
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledThatAddressOnly() throws Exception {
        BrokerConfig config = BrokerConfig.builder().set(SecuritySettings.AUTH_FAILURE_LIMIT, 3).build();
        try (LocalMetadataStore meta = LocalMetadataStore.open(dir)) {
            UserStore users = UserStore.open(meta, config);
            users.putUser("bob", "pw", Set.of()).join();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> users.authenticate("bob", "guess", REMOTE)).hasMessageContaining("invalid credentials");
            }
            assertThatThrownBy(() -> users.authenticate("bob", "pw", REMOTE)).hasMessageContaining("too many failed logins");
            assertThat(users.authenticate("bob", "pw", new InetSocketAddress("10.1.2.4", 1))).isEqualTo("bob");
        }
    }

    @Test
    void httpBasicAuthChecksCredentialsAndTags() throws Exception {
        try (LocalMetadataStore meta = LocalMetadataStore.open(dir)) {
            UserStore users = UserStore.open(meta, BrokerConfig.defaults());
            users.putUser("mgmt", "pw", Set.of("management")).join();
            HttpBasicAuth basic = new HttpBasicAuth(users);
            String header = "Basic " + java.util.Base64.getEncoder().encodeToString("mgmt:pw".getBytes(StandardCharsets.UTF_8));
            assertThat(basic.authenticate(header, REMOTE, Set.of("management", "administrator"))).isEqualTo("mgmt");
            assertThatThrownBy(() -> basic.authenticate(header, REMOTE, Set.of("administrator"))).hasMessageContaining("none of the tags");
            assertThatThrownBy(() -> basic.authenticate("Basic !!!", REMOTE, Set.of())).isInstanceOf(LoginRefusedException.class);
            assertThatThrownBy(() -> basic.authenticate(null, REMOTE, Set.of())).isInstanceOf(LoginRefusedException.class);
            String guest = "Basic " + java.util.Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> basic.authenticate(guest, REMOTE, Set.of())).hasMessageContaining("localhost");
        }
    }

    @Test
    void throttleWindowEnds() {
        long[] now = {0};
        LoginThrottle t = new LoginThrottle(2, 1000, () -> now[0]);
        t.failed(REMOTE);
        t.failed(REMOTE);
        assertThat(t.throttled(REMOTE)).isTrue();
        now[0] = 1_000_000_000L;
        assertThat(t.throttled(REMOTE)).isFalse();
    }
}
