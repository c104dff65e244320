package io.tributary.server.replication;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ClusterSettings;
import io.tributary.config.ConfigException;
import io.tributary.config.SecuritySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * How a node's own Kafka clients (replica fetchers, the transaction marker sender, the stream
 * forwarder) reach the other nodes' Kafka listeners: with the listener's security protocol, as
 * Kafka's inter-broker clients do. Over SASL they log in as {@code cluster.internal.user} (SCRAM
 * when the listener offers it, else PLAIN); over TLS they trust {@code kafka.ssl.ca.file} (else the
 * node's own certificate) and present the node's certificate, so mutual TLS works too.
 */
public final class InternalClients {
    /** Mechanisms in the order the internal user prefers them. */
    private static final List<String> PREFERRED = List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    private final Map<String, Object> configs;

    private InternalClients(Map<String, Object> configs) {
        this.configs = Map.copyOf(configs);
    }

    /**
     * @throws ConfigException when the listener uses SASL and {@code cluster.internal.password} is empty,
     *     or a TLS file cannot be read
     */
    public static InternalClients of(BrokerConfig config) {
        SecurityProtocol protocol = SecurityProtocol.valueOf(config.get(SecuritySettings.KAFKA_SECURITY_PROTOCOL));
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
        if (usesSasl(protocol)) {
            String user = config.get(ClusterSettings.INTERNAL_USER);
            String password = config.get(ClusterSettings.INTERNAL_PASSWORD);
            if (password.isEmpty()) {
                throw new ConfigException(ClusterSettings.INTERNAL_PASSWORD.name(), "must be set: the Kafka listener uses " + protocol
                        + ", so the nodes' replica fetchers log in as " + user);
            }
            String mechanism = PREFERRED.stream().filter(config.get(SecuritySettings.KAFKA_SASL_MECHANISMS)::contains).findFirst()
                    .orElseThrow(() -> new ConfigException(SecuritySettings.KAFKA_SASL_MECHANISMS.name(),
                            "offers none of " + PREFERRED + " for the nodes' own clients"));
            String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            c.put(SaslConfigs.SASL_MECHANISM, mechanism);
            c.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + jaasEscape(user) + "\" password=\"" + jaasEscape(password) + "\";");
        }
        if (usesTls(protocol)) {
            String ca = config.get(SecuritySettings.KAFKA_SSL_CA);
            String cert = config.get(SecuritySettings.KAFKA_SSL_CERT);
            c.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            c.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, read(ca.isEmpty() ? cert : ca, ca.isEmpty() ? SecuritySettings.KAFKA_SSL_CERT.name()
                    : SecuritySettings.KAFKA_SSL_CA.name()));
            c.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
            c.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read(cert, SecuritySettings.KAFKA_SSL_CERT.name()));
            c.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read(config.get(SecuritySettings.KAFKA_SSL_KEY), SecuritySettings.KAFKA_SSL_KEY.name()));
        }
        return new InternalClients(c);
    }

    /** The principal the internal clients authenticate as over SASL ({@code User:<cluster.internal.user>}), a Kafka super user. */
    public static String principal(BrokerConfig config) {
        return "User:" + config.get(ClusterSettings.INTERNAL_USER);
    }

    /** True when the internal clients log in with {@code cluster.internal.user}. */
    public static boolean logsIn(BrokerConfig config) {
        return usesSasl(SecurityProtocol.valueOf(config.get(SecuritySettings.KAFKA_SECURITY_PROTOCOL)));
    }

    /** The security entries of a kafka-clients configuration (producers take them as they are). */
    public Map<String, Object> configs() {
        return configs;
    }

    /** A channel builder for a {@code NetworkClient} (the replica fetcher's connection). */
    ChannelBuilder channelBuilder(LogContext logContext) {
        Map<String, Object> all = new HashMap<>(configs);
        // the channel builder reads only the security entries; the client config just requires one address
        all.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        return ClientUtils.createChannelBuilder(new AdminClientConfig(all), Time.SYSTEM, logContext);
    }

    private static boolean usesSasl(SecurityProtocol p) {
        return p == SecurityProtocol.SASL_PLAINTEXT || p == SecurityProtocol.SASL_SSL;
    }

    private static boolean usesTls(SecurityProtocol p) {
        return p == SecurityProtocol.SSL || p == SecurityProtocol.SASL_SSL;
    }

    private static String jaasEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String read(String file, String setting) {
        if (file.isEmpty()) {
            throw new ConfigException(setting, "must be set: the nodes' own clients use TLS");
        }
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + setting + " " + file, e);
        }
    }
}
