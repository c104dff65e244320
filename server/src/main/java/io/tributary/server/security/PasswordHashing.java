package io.tributary.server.security;

import io.tributary.config.security.ScramSecret;
import io.tributary.config.security.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives SCRAM secrets from a password (RFC 5802 §3): {@code SaltedPassword = Hi(password, salt, i)}
 * (which is PBKDF2 with HMAC), {@code StoredKey = H(HMAC(SaltedPassword, "Client Key"))},
 * {@code ServerKey = HMAC(SaltedPassword, "Server Key")}. A password given in clear (PLAIN,
 * AMQPLAIN, HTTP Basic) is checked by deriving the stored key again with the same salt.
 */
public final class PasswordHashing {
    /** Kafka's minimum for SCRAM-SHA-256/512 and RFC 7677's recommendation. */
    public static final int ITERATIONS = 4096;
    private static final int SALT_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashing() {
    }

    /** A fresh secret for {@code mechanism} with a random salt. */
    public static ScramSecret derive(String mechanism, String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return derive(mechanism, password, salt, ITERATIONS);
    }

    static ScramSecret derive(String mechanism, String password, byte[] salt, int iterations) {
        Algorithms a = Algorithms.of(mechanism);
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2With" + a.hmac);
            byte[] salted = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, a.bits)).getEncoded();
            byte[] clientKey = hmac(a.hmac, salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance(a.digest).digest(clientKey);
            byte[] serverKey = hmac(a.hmac, salted, "Server Key");
            return new ScramSecret(salt, iterations, storedKey, serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mechanism + " is not available in this JVM", e);
        }
    }

    /** Whether {@code password} is the one {@code secret} was derived from (constant-time compare). */
    public static boolean matches(String mechanism, ScramSecret secret, String password) {
        ScramSecret again = derive(mechanism, password, secret.salt(), secret.iterations());
        return MessageDigest.isEqual(again.storedKey(), secret.storedKey());
    }

    private static byte[] hmac(String algorithm, byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private enum Algorithms {
        SHA_256("HmacSHA256", "SHA-256", 256), SHA_512("HmacSHA512", "SHA-512", 512);

        final String hmac;
        final String digest;
        final int bits;

        Algorithms(String hmac, String digest, int bits) {
            this.hmac = hmac;
            this.digest = digest;
            this.bits = bits;
        }

        static Algorithms of(String mechanism) {
            if (UserDirectory.SCRAM_SHA_256.equals(mechanism)) {
                return SHA_256;
            }
            if (UserDirectory.SCRAM_SHA_512.equals(mechanism)) {
                return SHA_512;
            }
            throw new IllegalArgumentException("unknown SCRAM mechanism " + mechanism);
        }
    }
}
