package io.tributary.config;

import java.util.List;
import java.util.Set;

/**
 * Authentication, authorization and TLS: the user store's rules, Kafka's security protocol, SASL
 * mechanisms and ACL authorizer, and each listener's TLS files. File settings are PEM files; an empty
 * value means "not set".
 */
public final class SecuritySettings {
    public static final Setting<List<String>> LOOPBACK_USERS = Setting.ofList("security.loopback.users", List.of("guest"),
            "Users that may log in only from a loopback address (RabbitMQ: loopback_users).");
    public static final Setting<Integer> AUTH_FAILURE_LIMIT = Setting.ofInt("security.auth.failure.limit", 10, 0, Integer.MAX_VALUE,
            "Failed logins from one remote address within security.auth.failure.window.ms after which that address is refused"
                    + " at once until the window passes; 0 = no limit.");
    public static final Setting<Long> AUTH_FAILURE_WINDOW_MS = Setting.ofLong("security.auth.failure.window.ms", 60_000, 1, Long.MAX_VALUE,
            "Window over which failed logins from one address are counted.");

    public static final Setting<String> KAFKA_SECURITY_PROTOCOL = Setting.ofChoice("kafka.security.protocol", "PLAINTEXT",
            Set.of("PLAINTEXT", "SASL_PLAINTEXT", "SSL", "SASL_SSL"),
            "Security protocol of the Kafka listener: SASL_* require SaslHandshake/SaslAuthenticate before other requests,"
                    + " *SSL is TLS (kafka.ssl.* files).");
    public static final Setting<List<String>> KAFKA_SASL_MECHANISMS = Setting.ofList("kafka.sasl.enabled.mechanisms",
            List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"), "SASL mechanisms the Kafka listener offers (Kafka: sasl.enabled.mechanisms).");
    public static final Setting<Long> KAFKA_REAUTH_MS = Setting.ofLong("kafka.connections.max.reauth.ms", 0, 0, Long.MAX_VALUE,
            "Lifetime of a Kafka SASL authentication: clients re-authenticate within it (KIP-368), a connection that does not is"
                    + " closed at its next request; 0 = authentications last as long as the connection (Kafka: connections.max.reauth.ms).");
    public static final Setting<Boolean> KAFKA_AUTHORIZER_ENABLED = Setting.ofBoolean("kafka.authorizer.enabled", false,
            "Enforce Kafka ACLs (CreateAcls/DescribeAcls/DeleteAcls); when off every principal may do everything, as Kafka"
                    + " without authorizer.class.name.");
    public static final Setting<List<String>> KAFKA_SUPER_USERS = Setting.ofList("kafka.super.users", List.of(),
            "Principals (User:name) allowed everything whatever the ACLs say (Kafka: super.users, comma-separated here).");
    public static final Setting<Boolean> KAFKA_ALLOW_IF_NO_ACL = Setting.ofBoolean("kafka.allow.everyone.if.no.acl.found", false,
            "With the authorizer on: allow an operation on a resource that no ACL matches (Kafka: allow.everyone.if.no.acl.found).");

    public static final Setting<String> KAFKA_SSL_CERT = Setting.ofString("kafka.ssl.cert.file", "",
            "PEM certificate chain of the Kafka listener (SSL, SASL_SSL).");
    public static final Setting<String> KAFKA_SSL_KEY = Setting.ofString("kafka.ssl.key.file", "",
            "PEM private key (PKCS#8) of the Kafka listener.");
    public static final Setting<String> KAFKA_SSL_CA = Setting.ofString("kafka.ssl.ca.file", "",
            "PEM CA certificates that client certificates must chain to; empty = the JDK's trust store.");
    public static final Setting<String> KAFKA_SSL_CLIENT_AUTH = Setting.ofChoice("kafka.ssl.client.auth", "none",
            Set.of("none", "requested", "required"),
            "Client certificates on the Kafka listener; with one, the principal is User:<certificate CN> (Kafka: ssl.client.auth).");

    public static final Setting<Boolean> AMQP_SSL_ENABLED = Setting.ofBoolean("amqp.ssl.enabled", false,
            "Serve the AMQP listener over TLS only (amqp.ssl.* files).");
    public static final Setting<String> AMQP_SSL_CERT = Setting.ofString("amqp.ssl.cert.file", "", "PEM certificate chain of the AMQP listener.");
    public static final Setting<String> AMQP_SSL_KEY = Setting.ofString("amqp.ssl.key.file", "", "PEM private key (PKCS#8) of the AMQP listener.");
    public static final Setting<String> AMQP_SSL_CA = Setting.ofString("amqp.ssl.ca.file", "",
            "PEM CA certificates that AMQP client certificates must chain to.");
    public static final Setting<String> AMQP_SSL_CLIENT_AUTH = Setting.ofChoice("amqp.ssl.client.auth", "none",
            Set.of("none", "requested", "required"),
            "Client certificates on the AMQP listener; with one, SASL EXTERNAL logs in as the certificate's CN.");

    public static final Setting<Boolean> HTTP_SSL_ENABLED = Setting.ofBoolean("http.ssl.enabled", false,
            "Serve the HTTP listener over TLS only (https; http.ssl.* files).");
    public static final Setting<String> HTTP_SSL_CERT = Setting.ofString("http.ssl.cert.file", "", "PEM certificate chain of the HTTP listener.");
    public static final Setting<String> HTTP_SSL_KEY = Setting.ofString("http.ssl.key.file", "", "PEM private key (PKCS#8) of the HTTP listener.");

    private SecuritySettings() {
    }

    static List<Setting<?>> all() {
        return List.of(LOOPBACK_USERS, AUTH_FAILURE_LIMIT, AUTH_FAILURE_WINDOW_MS,
                KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISMS, KAFKA_REAUTH_MS, KAFKA_AUTHORIZER_ENABLED, KAFKA_SUPER_USERS, KAFKA_ALLOW_IF_NO_ACL,
                KAFKA_SSL_CERT, KAFKA_SSL_KEY, KAFKA_SSL_CA, KAFKA_SSL_CLIENT_AUTH,
                AMQP_SSL_ENABLED, AMQP_SSL_CERT, AMQP_SSL_KEY, AMQP_SSL_CA, AMQP_SSL_CLIENT_AUTH,
                HTTP_SSL_ENABLED, HTTP_SSL_CERT, HTTP_SSL_KEY);
    }
}
