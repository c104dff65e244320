package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.config.security.VhostPermissions;
import io.tributary.server.security.User;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code /api/users[/{name}]}, {@code /api/whoami}, {@code /api/permissions[/{vhost}/{user}]} and
 * their per-user and per-vhost forms. Passwords are kept only as SCRAM secrets, so
 * {@code password_hash} is shown empty and only {@code password} (or an empty hash: no password)
 * can be set.
 */
final class UserRoutes {
    private UserRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/whoami", Access.MANAGEMENT, r -> Replies.ok(Json.obj("name", r.user().name(), "tags", sorted(r.user().tags()))))
                .get("/api/users", Access.ADMINISTRATOR, r -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    r.context().users().users().values().forEach(u -> out.add(view(u)));
                    return Replies.ok(out);
                })
                .get("/api/users/without-permissions", Access.ADMINISTRATOR, r -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (User u : r.context().users().users().values()) {
                        if (r.context().users().permissionsOf(u.name()).isEmpty()) {
                            out.add(view(u));
                        }
                    }
                    return Replies.ok(out);
                })
                .get("/api/users/{name}", Access.ADMINISTRATOR, r -> Replies.ok(view(requireUser(r, r.path("name")))))
                .put("/api/users/{name}", Access.ADMINISTRATOR, UserRoutes::put)
                .delete("/api/users/{name}", Access.ADMINISTRATOR, r -> {
                    requireUser(r, r.path("name"));
                    r.await(r.context().users().deleteUser(r.path("name")));
                    return Replies.noContent();
                })
                .post("/api/users/bulk-delete", Access.ADMINISTRATOR, r -> {
                    for (JsonNode n : r.body().path("users")) {
                        if (r.context().users().user(n.asText()).isPresent()) {
                            r.await(r.context().users().deleteUser(n.asText()));
                        }
                    }
                    return Replies.noContent();
                })
                .get("/api/users/{name}/permissions", Access.ADMINISTRATOR, r -> {
                    String user = requireUser(r, r.path("name")).name();
                    List<Map<String, Object>> out = new ArrayList<>();
                    r.context().users().permissionsOf(user).forEach((vhost, p) -> out.add(permission(user, vhost, p)));
                    return Replies.ok(out);
                })
                .get("/api/permissions", Access.ADMINISTRATOR, r -> Replies.ok(allPermissions(r, null)))
                .get("/api/vhosts/{vhost}/permissions", Access.ADMINISTRATOR, r -> Replies.ok(allPermissions(r, r.vhost().name())))
                .get("/api/permissions/{vhost}/{user}", Access.ADMINISTRATOR, r -> {
                    String vhost = r.vhost().name();
                    String user = requireUser(r, r.path("user")).name();
                    VhostPermissions p = r.context().users().permissions(user, vhost).orElseThrow(ApiException::notFound);
                    return Replies.ok(permission(user, vhost, p));
                })
                .put("/api/permissions/{vhost}/{user}", Access.ADMINISTRATOR, UserRoutes::putPermission)
                .delete("/api/permissions/{vhost}/{user}", Access.ADMINISTRATOR, r -> {
                    String vhost = r.vhost().name();
                    String user = requireUser(r, r.path("user")).name();
                    if (r.context().users().permissions(user, vhost).isEmpty()) {
                        throw ApiException.notFound();
                    }
                    r.await(r.context().users().clearPermissions(user, vhost));
                    return Replies.noContent();
                })
                .get("/api/topic-permissions", Access.ADMINISTRATOR, r -> Replies.ok(List.of()));
    }

    private static User requireUser(ApiRequest r, String name) {
        return r.context().users().user(name).orElseThrow(ApiException::notFound);
    }

    private static List<String> sorted(java.util.Set<String> tags) {
        return new ArrayList<>(new TreeSet<>(tags));
    }

    static Map<String, Object> view(User u) {
        return Json.obj("name", u.name(), "password_hash", "", "hashing_algorithm", "rabbit_password_hashing_sha256", "tags", sorted(u.tags()),
                "limits", Json.obj());
    }

    static Map<String, Object> permission(String user, String vhost, VhostPermissions p) {
        return Json.obj("user", user, "vhost", vhost, "configure", p.configure(), "write", p.write(), "read", p.read());
    }

    private static List<Map<String, Object>> allPermissions(ApiRequest r, String onlyVhost) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (User u : r.context().users().users().values()) {
            r.context().users().permissionsOf(u.name()).forEach((vhost, p) -> {
                if (onlyVhost == null || onlyVhost.equals(vhost)) {
                    out.add(permission(u.name(), vhost, p));
                }
            });
        }
        return out;
    }

    private static FullHttpResponse put(ApiRequest r) {
        String name = r.path("name");
        JsonNode b = r.body();
        boolean isNew = r.context().users().user(name).isEmpty();
        LinkedHashSet<String> tags = new LinkedHashSet<>(Json.tags(b.get("tags")));
        if (!b.has("tags") && !isNew) {
            tags.addAll(r.context().users().tags(name));
        }
        if (b.hasNonNull("password")) {
            r.await(r.context().users().putUser(name, b.get("password").asText(), tags));
        } else if (b.has("password_hash")) {
            if (!b.get("password_hash").asText("").isEmpty()) {
                throw ApiException.badRequest("password_hash cannot be set: passwords are kept as SCRAM secrets; give \"password\"");
            }
            r.await(r.context().users().putUser(name, null, tags));
            if (!isNew) {
                r.await(r.context().users().clearPassword(name));
            }
        } else if (isNew) {
            throw ApiException.badRequest("[{key_missing,password}]");
        } else {
            r.await(r.context().users().setTags(name, tags));
        }
        return Replies.createdOrUpdated(isNew);
    }

    private static FullHttpResponse putPermission(ApiRequest r) {
        String vhost = r.vhost().name();
        String user = r.path("user");
        if (r.context().users().user(user).isEmpty()) {
            throw ApiException.badRequest("no_such_user: " + user);
        }
        JsonNode b = r.body();
        for (String k : List.of("configure", "write", "read")) {
            if (!b.has(k)) {
                throw ApiException.badRequest("[{key_missing," + k + "}]");
            }
        }
        VhostPermissions p;
        try {
            p = new VhostPermissions(b.get("configure").asText(), b.get("write").asText(), b.get("read").asText());
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid regular expression: " + e.getMessage());
        }
        boolean isNew = r.context().users().permissions(user, vhost).isEmpty();
        r.await(r.context().users().setPermissions(user, vhost, p));
        return Replies.createdOrUpdated(isNew);
    }
}
