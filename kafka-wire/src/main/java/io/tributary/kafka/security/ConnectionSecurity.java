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
 *     |                                           |
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

    public void handshakeDone(Object server) {
        this.saslServer = server;
        this.state = State.AUTHENTICATE;
    }

    public void authenticated(String name) {
        this.user = name;
        this.saslServer = null;
        this.state = State.COMPLETE;
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
