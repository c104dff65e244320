package io.tributary.server.remote;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ConfigException;
import io.tributary.config.SecuritySettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS a node's links to other nodes use when the AMQP listener is TLS only
 * ({@code amqp.ssl.enabled}): they trust {@code amqp.ssl.ca.file} (else the node's own certificate,
 * which every node shares in a cluster without a CA) and present the node's own certificate, for a
 * listener that requires client certificates. Logging in is still the internal user's PLAIN.
 */
final class LinkTls {
    /** Protects the key in the in-memory key store only. */
    private static final char[] KEY_PASSWORD = "in-memory".toCharArray();

    private LinkTls() {
    }

    /** The links' TLS context, or null when the AMQP listener is plain. */
    static SSLContext of(BrokerConfig config) {
        if (!config.get(SecuritySettings.AMQP_SSL_ENABLED)) {
            return null;
        }
        String cert = config.get(SecuritySettings.AMQP_SSL_CERT);
        String key = config.get(SecuritySettings.AMQP_SSL_KEY);
        String ca = config.get(SecuritySettings.AMQP_SSL_CA);
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(ca.isEmpty() ? cert : ca)) {
                trust.setCertificateEntry("trusted-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
            own.load(null, null);
            own.setKeyEntry("node", privateKey(key), KEY_PASSWORD, certificates(cert).toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, KEY_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(SecuritySettings.AMQP_SSL_CERT.name(), "cannot build the TLS context of the links between nodes: "
                    + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(String file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /** A PKCS#8 PEM key (RSA or EC), as the listener's {@code amqp.ssl.key.file} holds it. */
    private static PrivateKey privateKey(String file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]*PRIVATE KEY-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }
}
