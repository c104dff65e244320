package io.tributary.server.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.config.security.ScramSecret;
import io.tributary.config.security.VhostPermissions;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON of the user store's metadata records:
 *
 * <pre>
 * kind security.user        key NAME          {"name":…, "tags":[…], "scram":{"SCRAM-SHA-256":{"salt":b64,"iterations":4096,
 *                                                                      "stored_key":b64,"server_key":b64}, …}}
 * kind security.permission  key ["VHOST","USER"] {"user":…, "vhost":…, "configure":…, "write":…, "read":…}
 * kind security.state       key initialized   {"default_user_created":true}
 * </pre>
 */
final class UserRecords {
    static final String USER_KIND = "security.user";
    static final String PERMISSION_KIND = "security.permission";
    static final String STATE_KIND = "security.state";
    static final String INITIALIZED = "initialized";
    private static final ObjectMapper JSON = new ObjectMapper();

    private UserRecords() {
    }

    static String permissionKey(String vhost, String user) {
        ArrayNode a = JSON.createArrayNode().add(vhost).add(user);
        return a.toString();
    }

    static String userJson(User u) {
        ObjectNode o = JSON.createObjectNode().put("name", u.name());
        ArrayNode tags = o.putArray("tags");
        new TreeSet<>(u.tags()).forEach(tags::add);
        ObjectNode scram = o.putObject("scram");
        Base64.Encoder b64 = Base64.getEncoder();
        u.secrets().forEach((mech, s) -> scram.putObject(mech).put("salt", b64.encodeToString(s.salt())).put("iterations", s.iterations())
                .put("stored_key", b64.encodeToString(s.storedKey())).put("server_key", b64.encodeToString(s.serverKey())));
        return o.toString();
    }

    static User user(String json) {
        JsonNode o = parse(json);
        TreeSet<String> tags = new TreeSet<>();
        o.path("tags").forEach(t -> tags.add(t.asText()));
        Map<String, ScramSecret> secrets = new LinkedHashMap<>();
        Base64.Decoder b64 = Base64.getDecoder();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("scram").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            secrets.put(e.getKey(), new ScramSecret(b64.decode(s.path("salt").asText()), s.path("iterations").asInt(),
                    b64.decode(s.path("stored_key").asText()), b64.decode(s.path("server_key").asText())));
        }
        return new User(o.path("name").asText(), tags, secrets);
    }

    static String permissionJson(String user, String vhost, VhostPermissions p) {
        return JSON.createObjectNode().put("user", user).put("vhost", vhost).put("configure", p.configure()).put("write", p.write())
                .put("read", p.read()).toString();
    }

    record Permission(String user, String vhost, VhostPermissions permissions) {
    }

    static Permission permission(String json) {
        JsonNode o = parse(json);
        return new Permission(o.path("user").asText(), o.path("vhost").asText(),
                new VhostPermissions(o.path("configure").asText(), o.path("write").asText(), o.path("read").asText()));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable user store record: " + e.getOriginalMessage(), e);
        }
    }
}
