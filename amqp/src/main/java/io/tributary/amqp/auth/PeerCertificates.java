package io.tributary.amqp.auth;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The CN of a TLS client certificate: the user SASL EXTERNAL logs in as (RabbitMQ's rabbitmq_auth_mechanism_ssl). */
public final class PeerCertificates {
    public static final String EXTERNAL = "EXTERNAL";

    private PeerCertificates() {
    }

    /** The CN of the verified client certificate of {@code ch}, or null (no TLS, no certificate, no CN). */
    public static String commonName(Channel ch) {
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls == null || !tls.handshakeFuture().isSuccess()) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
                return null;
            }
            for (Rdn rdn : new LdapName(x.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return null;
        }
    }
}
