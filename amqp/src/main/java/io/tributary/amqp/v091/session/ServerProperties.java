package io.tributary.amqp.v091.session;

import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code connection.start} tells clients about the broker, with RabbitMQ's capability names. */
final class ServerProperties {
    private ServerProperties() {
    }

    static Map<String, Object> of(String version) {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("publisher_confirms", true);
        caps.put("exchange_exchange_bindings", true);
        caps.put("basic.nack", true);
        caps.put("consumer_cancel_notify", true);
        caps.put("connection.blocked", true);
        caps.put("authentication_failure_close", true);
        caps.put("per_consumer_qos", true);
        caps.put("direct_reply_to", true);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("product", "Tributary");
        p.put("version", version);
        p.put("platform", "Java " + System.getProperty("java.version"));
        p.put("copyright", "The Tributary authors");
        p.put("information", "https://tributary.io");
        p.put("cluster_name", "tributary");
        p.put("capabilities", caps);
        return p;
    }
}
