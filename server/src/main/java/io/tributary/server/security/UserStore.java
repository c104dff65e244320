package io.tributary.server.security;

import io.tributary.config.BrokerConfig;
import io.tributary.config.SecuritySettings;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.config.security.LoginRefusedException;
import io.tributary.config.security.ScramSecret;
import io.tributary.config.security.UserDirectory;
import io.tributary.config.security.VhostPermissions;
import io.tributary.exchanges.vhost.VirtualHosts;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's users, durable in the metadata store (kinds in {@link UserRecords}) and held in memory
 * for lock-free reads. Passwords are kept only as SCRAM-SHA-256 and SCRAM-SHA-512 secrets (salted,
 * 4096 PBKDF2 iterations), from which PLAIN logins are checked too. On the first start the default
 * user {@code guest}/{@code guest} is created with tag administrator and full permissions on
 * {@code /}, as RabbitMQ does; as a loopback user it may log in only from localhost. Its records are
 * put-if-absent, so of cluster nodes starting together all end up with the first one's.
 *
 * <p>The in-memory view follows the store: after each write of this node's, and on each change any
 * node applies (the store's listener), the user or the permissions are read again from the store, so
 * a user created or changed on another node can log in here at once.
 */
public final class UserStore implements UserDirectory {
    private static final Logger LOGGER = LoggerFactory.getLogger(UserStore.class);
    public static final String DEFAULT_USER = "guest";
    private static final List<String> MECHANISMS = List.of(SCRAM_SHA_256, SCRAM_SHA_512);

    private final MetadataStore metadata;
    private final Set<String> loopbackUsers;
    private final LoginThrottle throttle;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    /** vhost → user → permissions. */
    private final Map<String, Map<String, VhostPermissions>> permissions = new ConcurrentHashMap<>();
    /** The nodes' internal user in a cluster: full access to every vhost (other nodes act for their clients). */
    private volatile String internalUser;

    private UserStore(MetadataStore metadata, BrokerConfig config) {
        this.metadata = metadata;
        this.loopbackUsers = Set.copyOf(config.get(SecuritySettings.LOOPBACK_USERS));
        this.throttle = new LoginThrottle(config.get(SecuritySettings.AUTH_FAILURE_LIMIT), config.get(SecuritySettings.AUTH_FAILURE_WINDOW_MS),
                System::nanoTime);
    }

    /** Loads the users; on a store that was never initialised, creates the default user (waits until durable). */
    public static UserStore open(MetadataStore metadata, BrokerConfig config) {
        UserStore s = new UserStore(metadata, config);
        metadata.addListener(UserRecords.USER_KIND, (kind, key, json) -> s.refreshUser(key));
        metadata.addListener(UserRecords.PERMISSION_KIND, (kind, key, json) -> s.refreshPermissions());
        metadata.list(UserRecords.USER_KIND).keySet().forEach(s::refreshUser);
        s.refreshPermissions();
        if (!metadata.list(UserRecords.STATE_KIND).containsKey(UserRecords.INITIALIZED)) {
            Map<String, ScramSecret> secrets = new LinkedHashMap<>();
            for (String m : MECHANISMS) {
                secrets.put(m, PasswordHashing.derive(m, DEFAULT_USER));
            }
            User guest = new User(DEFAULT_USER, Set.of("administrator"), secrets);
            boolean created = metadata.putIfAbsent(UserRecords.USER_KIND, DEFAULT_USER, UserRecords.userJson(guest))
                    .thenCompose(won -> metadata.putIfAbsent(UserRecords.PERMISSION_KIND, UserRecords.permissionKey(VirtualHosts.DEFAULT,
                            DEFAULT_USER), UserRecords.permissionJson(DEFAULT_USER, VirtualHosts.DEFAULT, VhostPermissions.ALL))
                            .thenCompose(p -> metadata.putIfAbsent(UserRecords.STATE_KIND, UserRecords.INITIALIZED,
                                    "{\"default_user_created\":true}")).thenApply(m -> won))
                    .join();
            s.refreshUser(DEFAULT_USER);
            s.refreshPermissions();
            if (created) {
                LOGGER.info("Created the default user '{}' (loopback only)", DEFAULT_USER);
            }
        }
        return s;
    }

    /** Takes one user as the store holds it now (gone when the store has none). */
    private synchronized void refreshUser(String name) {
        String json = metadata.get(UserRecords.USER_KIND, name);
        if (json == null) {
            users.remove(name);
        } else {
            users.put(name, UserRecords.user(json));
        }
    }

    /** Takes every permission as the store holds it now. */
    private synchronized void refreshPermissions() {
        Map<String, Map<String, VhostPermissions>> next = new ConcurrentHashMap<>();
        metadata.list(UserRecords.PERMISSION_KIND).values().forEach(json -> {
            UserRecords.Permission p = UserRecords.permission(json);
            next.computeIfAbsent(p.vhost(), v -> new ConcurrentHashMap<>()).put(p.user(), p.permissions());
        });
        permissions.keySet().retainAll(next.keySet());
        next.forEach((vhost, m) -> {
            Map<String, VhostPermissions> current = permissions.computeIfAbsent(vhost, v -> new ConcurrentHashMap<>());
            current.keySet().retainAll(m.keySet());
            current.putAll(m);
        });
    }

    // ---- management ---------------------------------------------------------------------------

    /** Creates or replaces a user; a null password keeps the current one (or none, for a new user). */
    public CompletableFuture<Void> putUser(String name, String password, Set<String> tags) {
        requireName(name);
        Map<String, ScramSecret> secrets = new LinkedHashMap<>();
        if (password != null) {
            for (String m : MECHANISMS) {
                secrets.put(m, PasswordHashing.derive(m, password));
            }
        } else if (users.containsKey(name)) {
            secrets.putAll(users.get(name).secrets());
        }
        User u = new User(name, tags, secrets);
        return metadata.put(UserRecords.USER_KIND, name, UserRecords.userJson(u)).thenRun(() -> refreshUser(name));
    }

    /** Stores a user as given (secrets included): definitions import. */
    public CompletableFuture<Void> putUserRecord(User u) {
        requireName(u.name());
        return metadata.put(UserRecords.USER_KIND, u.name(), UserRecords.userJson(u)).thenRun(() -> refreshUser(u.name()));
    }

    public CompletableFuture<Void> setPassword(String name, String password) {
        return putUser(name, password, require(name).tags());
    }

    /** Removes the password: the user can then log in only by client certificate. */
    public CompletableFuture<Void> clearPassword(String name) {
        User u = new User(name, require(name).tags(), Map.of());
        return metadata.put(UserRecords.USER_KIND, name, UserRecords.userJson(u)).thenRun(() -> refreshUser(name));
    }

    public CompletableFuture<Void> setTags(String name, Set<String> tags) {
        return putUser(name, null, tags);
    }

    /** Deletes a user and every permission it has. */
    public CompletableFuture<Void> deleteUser(String name) {
        require(name);
        CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, Map<String, VhostPermissions>> e : permissions.entrySet()) {
            if (e.getValue().containsKey(name)) {
                String vhost = e.getKey();
                f = f.thenCompose(v -> clearPermissions(name, vhost));
            }
        }
        return f.thenCompose(v -> metadata.delete(UserRecords.USER_KIND, name)).thenRun(() -> refreshUser(name));
    }

    public CompletableFuture<Void> setPermissions(String user, String vhost, VhostPermissions p) {
        require(user);
        return metadata.put(UserRecords.PERMISSION_KIND, UserRecords.permissionKey(vhost, user), UserRecords.permissionJson(user, vhost, p))
                .thenRun(this::refreshPermissions);
    }

    public CompletableFuture<Void> clearPermissions(String user, String vhost) {
        return metadata.delete(UserRecords.PERMISSION_KIND, UserRecords.permissionKey(vhost, user)).thenRun(this::refreshPermissions);
    }

    /** Every user, by name. */
    public Map<String, User> users() {
        return new TreeMap<>(users);
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** A user's permissions, vhost → permissions. */
    public Map<String, VhostPermissions> permissionsOf(String user) {
        Map<String, VhostPermissions> out = new TreeMap<>();
        permissions.forEach((vhost, m) -> {
            VhostPermissions p = m.get(user);
            if (p != null) {
                out.put(vhost, p);
            }
        });
        return out;
    }

    private User require(String name) {
        User u = users.get(name);
        if (u == null) {
            throw new IllegalArgumentException("no user '" + name + "'");
        }
        return u;
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("a user name is 1 to 255 characters");
        }
    }

    // ---- UserDirectory ------------------------------------------------------------------------

    /** Whether {@code name} exists and {@code password} is its password (no login counted, no throttle). */
    public boolean passwordMatches(String name, String password) {
        User u = users.get(name);
        ScramSecret secret = u == null ? null : u.secrets().get(SCRAM_SHA_256);
        return secret != null && PasswordHashing.matches(SCRAM_SHA_256, secret, password);
    }

    @Override
    public String authenticate(String username, String password, SocketAddress remote) {
        if (throttle.throttled(remote)) {
            throw new LoginRefusedException("too many failed logins from " + remote + "; refused for now");
        }
        User u = username == null ? null : users.get(username);
        ScramSecret secret = u == null ? null : u.secrets().get(SCRAM_SHA_256);
        if (secret == null || password == null || !PasswordHashing.matches(SCRAM_SHA_256, secret, password)) {
            throttle.failed(remote);
            throw new LoginRefusedException("user '" + username + "': invalid credentials");
        }
        checkLoopback(username, remote);
        return username;
    }

    @Override
    public void checkLogin(String username, SocketAddress remote, boolean mustExist) {
        if (throttle.throttled(remote)) {
            throw new LoginRefusedException("too many failed logins from " + remote + "; refused for now");
        }
        if (mustExist && !users.containsKey(username)) {
            throttle.failed(remote);
            throw new LoginRefusedException("user '" + username + "' does not exist");
        }
        checkLoopback(username, remote);
    }

    private void checkLoopback(String username, SocketAddress remote) {
        if (loopbackUsers.contains(username) && !isLoopback(remote)) {
            throw new LoginRefusedException("user '" + username + "' can only connect via localhost");
        }
    }

    static boolean isLoopback(SocketAddress remote) {
        return remote instanceof InetSocketAddress a && a.getAddress() != null && a.getAddress().isLoopbackAddress();
    }

    @Override
    public void loginFailed(SocketAddress remote, String reason) {
        throttle.failed(remote);
    }

    @Override
    public Optional<ScramSecret> scramSecret(String username, String mechanism) {
        User u = username == null ? null : users.get(username);
        return u == null ? Optional.empty() : Optional.ofNullable(u.secrets().get(mechanism));
    }

    /** Gives the cluster's internal user full access to every vhost (its own permissions are not consulted). */
    public void trustInternalUser(String name) {
        this.internalUser = name;
    }

    @Override
    public Optional<VhostPermissions> permissions(String username, String vhost) {
        if (username != null && username.equals(internalUser) && users.containsKey(username)) {
            return Optional.of(VhostPermissions.ALL);
        }
        Map<String, VhostPermissions> m = permissions.get(vhost);
        return m == null || !users.containsKey(username) ? Optional.empty() : Optional.ofNullable(m.get(username));
    }

    @Override
    public Set<String> tags(String username) {
        User u = users.get(username);
        return u == null ? Set.of() : u.tags();
    }

    @Override
    public boolean exists(String username) {
        return users.containsKey(username);
    }
}
