package io.tributary.server.net;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tributary.config.BrokerConfig;
import io.tributary.config.ConfigException;
import io.tributary.config.SecuritySettings;
import io.tributary.config.Setting;
import io.tributary.kafka.security.SecurityProtocol;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Builds a listener's TLS context from PEM files: the certificate chain, the private key (PKCS#8,
 * unencrypted), and optionally the CA certificates client certificates must chain to, with client
 * authentication {@code none}, {@code requested} or {@code required}. Netty's {@code SslHandler}
 * then runs on each connection first, before the connection limit and the protocol.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /** The Kafka listener's TLS context when its security protocol is SSL or SASL_SSL, else null. */
    public static SslContext kafka(BrokerConfig config) {
        if (!SecurityProtocol.valueOf(config.get(SecuritySettings.KAFKA_SECURITY_PROTOCOL)).tls()) {
            return null;
        }
        return server(config, SecuritySettings.KAFKA_SSL_CERT, SecuritySettings.KAFKA_SSL_KEY, SecuritySettings.KAFKA_SSL_CA,
                SecuritySettings.KAFKA_SSL_CLIENT_AUTH);
    }

    /** The AMQP listener's TLS context when {@code amqp.ssl.enabled}, else null. */
    public static SslContext amqp(BrokerConfig config) {
        return !config.get(SecuritySettings.AMQP_SSL_ENABLED) ? null : server(config, SecuritySettings.AMQP_SSL_CERT,
                SecuritySettings.AMQP_SSL_KEY, SecuritySettings.AMQP_SSL_CA, SecuritySettings.AMQP_SSL_CLIENT_AUTH);
    }

    /** The HTTP listener's TLS context when {@code http.ssl.enabled}, else null. */
    public static SslContext http(BrokerConfig config) {
        return !config.get(SecuritySettings.HTTP_SSL_ENABLED) ? null : server(config, SecuritySettings.HTTP_SSL_CERT,
                SecuritySettings.HTTP_SSL_KEY, null, null);
    }

    /**
     * @param ca the CA setting, or null when the listener takes no client certificates
     * @throws ConfigException naming the setting whose file is missing or unreadable
     */
    public static SslContext server(BrokerConfig config, Setting<String> cert, Setting<String> key, Setting<String> ca, Setting<String> clientAuth) {
        File certFile = file(config, cert);
        File keyFile = file(config, key);
        try {
            SslContextBuilder b = SslContextBuilder.forServer(certFile, keyFile).protocols("TLSv1.3", "TLSv1.2");
            if (clientAuth != null) {
                String mode = config.get(clientAuth);
                b.clientAuth("required".equals(mode) ? ClientAuth.REQUIRE : "requested".equals(mode) ? ClientAuth.OPTIONAL : ClientAuth.NONE);
                if (ca != null && !config.get(ca).isEmpty()) {
                    b.trustManager(file(config, ca));
                }
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException(key.name(), "cannot build a TLS context from " + certFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static File file(BrokerConfig config, Setting<String> setting) {
        String value = config.get(setting);
        if (value.isEmpty()) {
            throw new ConfigException(setting.name(), "is required for a TLS listener");
        }
        Path p = Path.of(value);
        if (!Files.isReadable(p)) {
            throw new ConfigException(setting.name(), "file " + p.toAbsolutePath() + " cannot be read");
        }
        return p.toFile();
    }
}
