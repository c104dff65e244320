package io.tributary.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway certificates for TLS tests, made with BouncyCastle: a CA, a server certificate for
 * {@code localhost}/{@code 127.0.0.1} and client certificates by CN, as PEM files (keys PKCS#8) for
 * the broker, PKCS#12 stores for clients that want files, and {@link SSLContext}s for those that
 * take one. EC P-256 keys: quick to make.
 */
public final class TestCertificates {
    public static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(Path dir, KeyPair caKeys, X509Certificate ca) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA and server certificate in {@code dir}: {@code ca.pem}, {@code server.pem}, {@code server-key.pem}, {@code truststore.p12}. */
    public static TestCertificates create(Path dir) {
        try {
            KeyPair caKeys = keys();
            X509Certificate ca = sign(new X500Name("CN=Tributary Test CA"), caKeys, new X500Name("CN=Tributary Test CA"), caKeys.getPrivate(), true);
            TestCertificates t = new TestCertificates(dir, caKeys, ca);
            writePem(dir.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded());
            t.issue("server", "localhost");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
                trust.store(out, STORE_PASSWORD);
            }
            return t;
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    /** Issues {@code NAME.pem}, {@code NAME-key.pem} and {@code NAME.p12} for the subject {@code CN=cn}. */
    public void issue(String name, String cn) {
        try {
            KeyPair k = keys();
            X509Certificate cert = sign(new X500Name("CN=" + cn), k, new X500Name("CN=Tributary Test CA"), caKeys.getPrivate(), false);
            writePem(dir.resolve(name + ".pem"), "CERTIFICATE", cert.getEncoded());
            writePem(dir.resolve(name + "-key.pem"), "PRIVATE KEY", k.getPrivate().getEncoded());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(name, k.getPrivate(), STORE_PASSWORD, new Certificate[] {cert, ca});
            try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".p12"))) {
                ks.store(out, STORE_PASSWORD);
            }
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The PEM text of a file, for clients that take PEM inline (kafka-clients' {@code ssl.*.type=PEM}). */
    public String pem(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client context trusting the CA, presenting {@code clientName}'s certificate when not null. */
    public SSLContext clientContext(String clientName) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (clientName != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (var in = Files.newInputStream(dir.resolve(clientName + ".p12"))) {
                    ks.load(in, STORE_PASSWORD);
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, STORE_PASSWORD);
            }
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey, boolean isCa)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                new Date(now - 3_600_000L), new Date(now + 86_400_000L), subject, subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
