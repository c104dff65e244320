package io.tributary.kafka.security;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One Kafka connection's authentication: where it is in the SASL exchange and who it is. The
 * principal is {@code User:ANONYMOUS} on a PLAINTEXT listener, {@code User:<certificate CN>} on an
 * SSL listener with a client certificate, and {@code User:<name>} after SASL. Event-loop confined.
 *
 * <pre>
 * HANDSHAKE --SaslHandshake(mechanism ok)--> AUTHENTICATE --SaslAuthenticate(complete)--> COMPLETE
 *     |                                           |     ^                                      |
 *     |                                           |     +---- SaslHandshake (re-authentication) -+
 *     +------ unsupported mechanism / bad credentials / unexpected request --> FAILED (closed)
 * </pre>
 */
public final class ConnectionSecurity {
    public static final String USER_TYPE = "User";
    public static final String ANONYMOUS = "ANONYMOUS";

    /** Where a SASL connection is (on a listener without SASL the state is not used). */
    public enum State { HANDSHAKE, AUTHENTICATE, COMPLETE, FAILED }

    private final Channel channel;
    private State state;
    private String user;
    private Object saslServer;
    private String mechanism;
    private long expiresAtNanos;
    private boolean reauthenticating;

    public ConnectionSecurity(Channel channel) {
        this.channel = channel;
        this.state = State.HANDSHAKE;
    }

    public State state() {
        return state;
    }

    /** The SASL server of the exchange in progress (a {@code javax.security.sasl.SaslServer}), or null. */
    public Object saslServer() {
        return saslServer;
    }

    public void handshakeDone(Object server, String saslMechanism) {
        this.reauthenticating = state == State.COMPLETE;
        this.saslServer = server;
        this.mechanism = saslMechanism;
        this.state = State.AUTHENTICATE;
    }

    /** @param lifetimeMs how long this authentication lasts (0: for ever) */
    public void authenticated(String name, long lifetimeMs) {
        this.user = name;
        this.saslServer = null;
        this.reauthenticating = false;
        this.expiresAtNanos = lifetimeMs > 0 ? System.nanoTime() + lifetimeMs * 1_000_000L : 0;
        this.state = State.COMPLETE;
    }

    /** Whether the exchange in progress re-authenticates an authenticated connection (KIP-368). */
    public boolean reauthenticating() {
        return reauthenticating;
    }

    /** The mechanism of the last handshake (re-authentication must use the same). */
    public String mechanism() {
        return mechanism;
    }

    /** Whether the authentication's session lifetime has passed without a re-authentication. */
    public boolean expired() {
        return expiresAtNanos != 0 && System.nanoTime() - expiresAtNanos > 0;
    }

    public void failed() {
        this.saslServer = null;
        this.state = State.FAILED;
    }

    /** The authenticated user name: the SASL name, else the client certificate's CN, else {@code ANONYMOUS}. */
    public String user() {
        if (user == null) {
            user = certificateName();
        }
        return user;
    }

    /** {@code User:name}, as Kafka's ACLs name principals. */
    public String principal() {
        return USER_TYPE + ":" + user();
    }

    private String certificateName() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null || !tls.handshakeFuture().isSuccess()) {
            return ANONYMOUS;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                String cn = commonName(x.getSubjectX500Principal().getName());
                return cn == null ? ANONYMOUS : cn;
            }
        } catch (SSLPeerUnverifiedException e) {
            return ANONYMOUS;
        }
        return ANONYMOUS;
    }

    /** The CN of an RFC 2253 distinguished name, or null. */
    public static String commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
