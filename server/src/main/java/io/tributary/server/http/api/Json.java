package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for the API's JSON: ordered objects, and request values as plain Java values. */
public final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** An ordered object from alternating keys and values. */
    public static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A JSON object as a map of Java values (integers stay integral, as AMQP arguments need); an absent node is empty. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("expected a JSON object, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return MAPPER.convertValue(node, LinkedHashMap.class);
    }

    /** A {@code {"rate": r}} details object, RabbitMQ's {@code *_details}. */
    public static Map<String, Object> rate(double perSecond) {
        return obj("rate", Math.round(perSecond * 100.0) / 100.0);
    }

    /** Text or list of text (RabbitMQ takes tags as {@code "a,b"} or {@code ["a","b"]}). */
    public static List<String> tags(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isArray()) {
            java.util.List<String> out = new java.util.ArrayList<>();
            node.forEach(n -> out.add(n.asText().trim()));
            return out.stream().filter(s -> !s.isEmpty()).toList();
        }
        return java.util.Arrays.stream(node.asText().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
