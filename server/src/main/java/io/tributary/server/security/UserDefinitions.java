package io.tributary.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.config.security.VhostPermissions;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Users and permissions as definitions JSON, in the shape of RabbitMQ's definitions file:
 *
 * <pre>
 * {"users": [{"name": "alice", "tags": "management,monitoring",
 *             "scram": {"SCRAM-SHA-256": {"salt": …, "iterations": 4096, "stored_key": …, "server_key": …}, …}}],
 *  "permissions": [{"user": "alice", "vhost": "/", "configure": "^alice.*", "write": "^alice.*", "read": "^alice.*"}]}
 * </pre>
 *
 * Export writes the SCRAM secrets (never a password); import takes them, or a {@code "password"} in
 * clear for users written by hand, which is hashed on import. RabbitMQ's own {@code password_hash}
 * (a salted SHA-256 of the password) cannot give the SCRAM secrets Kafka needs, so it is refused.
 */
public final class UserDefinitions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UserDefinitions() {
    }

    public static String export(UserStore store) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode users = root.putArray("users");
        ArrayNode permissions = root.putArray("permissions");
        for (User u : store.users().values()) {
            ObjectNode o = (ObjectNode) parse(UserRecords.userJson(u));
            o.put("tags", String.join(",", new java.util.TreeSet<>(u.tags())));
            users.add(o);
            for (Map.Entry<String, VhostPermissions> e : store.permissionsOf(u.name()).entrySet()) {
                permissions.add(parse(UserRecords.permissionJson(u.name(), e.getKey(), e.getValue())));
            }
        }
        return root.toPrettyString();
    }

    /** Creates or replaces every user and permission of {@code json}; completes once durable. */
    public static CompletableFuture<Void> importInto(UserStore store, String json) {
        JsonNode root = parse(json);
        CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
        for (JsonNode u : root.path("users")) {
            String name = u.path("name").asText();
            if (u.has("password_hash")) {
                throw new IllegalArgumentException("user '" + name + "': a RabbitMQ password_hash cannot be imported (SCRAM needs the"
                        + " password or SCRAM secrets); give \"password\" or \"scram\"");
            }
            Set<String> tags = new LinkedHashSet<>();
            JsonNode t = u.path("tags");
            if (t.isArray()) {
                t.forEach(x -> tags.add(x.asText()));
            } else {
                for (String s : t.asText("").split(",")) {
                    if (!s.isBlank()) {
                        tags.add(s.trim());
                    }
                }
            }
            if (u.has("password")) {
                String password = u.path("password").asText();
                f = f.thenCompose(v -> store.putUser(name, password, tags));
            } else {
                ObjectNode stored = ((ObjectNode) u.deepCopy()).put("name", name);
                stored.remove("tags");
                stored.putArray("tags");
                User parsed = UserRecords.user(stored.toString());
                User user = new User(name, tags, parsed.secrets());
                f = f.thenCompose(v -> store.putUserRecord(user));
            }
        }
        for (JsonNode p : root.path("permissions")) {
            VhostPermissions perms = new VhostPermissions(p.path("configure").asText(), p.path("write").asText(), p.path("read").asText());
            String user = p.path("user").asText();
            String vhost = p.path("vhost").asText("/");
            f = f.thenCompose(v -> store.setPermissions(user, vhost, perms));
        }
        return f;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
