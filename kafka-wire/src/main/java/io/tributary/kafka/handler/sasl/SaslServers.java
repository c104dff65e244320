package io.tributary.kafka.handler.sasl;

import io.tributary.config.security.LoginRefusedException;
import io.tributary.config.security.ScramSecret;
import io.tributary.config.security.UserDirectory;
import java.net.SocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;
import org.apache.kafka.common.security.plain.internals.PlainSaslServer;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.ScramCredentialCallback;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslServer;

/**
 * kafka-clients' SASL servers for PLAIN and SCRAM, with callback handlers that ask the user
 * directory: the password for PLAIN (checked against its SCRAM secret), the SCRAM secrets for SCRAM.
 */
final class SaslServers {
    static final String PLAIN = "PLAIN";

    private SaslServers() {
    }

    static SaslServer create(String mechanism, UserDirectory users, SocketAddress remote) {
        if (PLAIN.equals(mechanism)) {
            return new PlainSaslServer(callbacks -> plain(callbacks, users, remote));
        }
        ScramMechanism scram = ScramMechanism.forMechanismName(mechanism);
        if (scram == null) {
            throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism);
        }
        try {
            return new ScramSaslServer(scram, Map.of(), callbacks -> scram(callbacks, users, mechanism));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(mechanism + " is not available in this JVM", e);
        }
    }

    private static void plain(Callback[] callbacks, UserDirectory users, SocketAddress remote) throws UnsupportedCallbackException {
        String name = null;
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                name = n.getDefaultName();
            } else if (c instanceof PlainAuthenticateCallback p) {
                try {
                    users.authenticate(name, new String(p.password()), remote);
                    p.authenticated(true);
                } catch (LoginRefusedException e) {
                    p.authenticated(false);
                }
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }

    private static void scram(Callback[] callbacks, UserDirectory users, String mechanism) throws UnsupportedCallbackException {
        String name = null;
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                name = n.getDefaultName();
            } else if (c instanceof ScramCredentialCallback s) {
                Optional<ScramSecret> secret = users.scramSecret(name, mechanism);
                secret.ifPresent(x -> s.scramCredential(new ScramCredential(x.salt(), x.storedKey(), x.serverKey(), x.iterations())));
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }
}
