package io.tributary.amqp.v10.proton;

import io.tributary.amqp.auth.AuthenticationException;
import io.tributary.amqp.auth.Authenticator;
import io.tributary.amqp.auth.PeerCertificates;
import io.tributary.amqp.auth.SaslMechanisms;
import java.net.SocketAddress;
import java.util.function.Consumer;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.SaslListener;
import org.apache.qpid.proton.engine.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SASL layer of an AMQP 1.0 connection: offers PLAIN, EXTERNAL when the peer presented a TLS client
 * certificate, and ANONYMOUS where the authenticator allows it for this peer (guest from loopback), and checks the credentials with the shared {@link Authenticator}.
 */
final class SaslServer implements SaslListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(SaslServer.class);
    static final String PLAIN = "PLAIN";
    static final String ANONYMOUS = "ANONYMOUS";

    private final Authenticator authenticator;
    private final SocketAddress remote;
    private final String certificateName;
    private final Consumer<String> authenticated;

    private SaslServer(Authenticator authenticator, SocketAddress remote, String certificateName, Consumer<String> authenticated) {
        this.authenticator = authenticator;
        this.remote = remote;
        this.certificateName = certificateName;
        this.authenticated = authenticated;
    }

    /** @param certificateName the CN of the TLS client certificate (EXTERNAL is offered then), or null */
    static void install(Transport transport, Authenticator authenticator, SocketAddress remote, String certificateName,
                        Consumer<String> authenticated) {
        Sasl sasl = transport.sasl();
        sasl.server();
        sasl.allowSkip(false);
        java.util.List<String> offered = new java.util.ArrayList<>();
        if (certificateName != null) {
            offered.add(PeerCertificates.EXTERNAL);
        }
        offered.add(PLAIN);
        if (anonymousAllowed(authenticator, remote)) {
            offered.add(ANONYMOUS);
        }
        sasl.setMechanisms(offered.toArray(String[]::new));
        sasl.setListener(new SaslServer(authenticator, remote, certificateName, authenticated));
    }

    private static boolean anonymousAllowed(Authenticator authenticator, SocketAddress remote) {
        try {
            authenticator.authenticateAnonymous(remote);
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }

    @Override
    public void onSaslInit(Sasl sasl, Transport transport) {
        String[] mechanisms = sasl.getRemoteMechanisms();
        String mechanism = mechanisms.length == 0 ? "" : mechanisms[0];
        byte[] response = new byte[sasl.pending()];
        sasl.recv(response, 0, response.length);
        try {
            String user;
            if (ANONYMOUS.equals(mechanism)) {
                user = authenticator.authenticateAnonymous(remote);
            } else if (PeerCertificates.EXTERNAL.equals(mechanism)) {
                user = authenticator.authenticateExternal(certificateName, remote);
            } else if (PLAIN.equals(mechanism)) {
                SaslMechanisms.Credentials c = SaslMechanisms.parse(mechanism, response);
                user = authenticator.authenticate(c.username(), c.password(), remote);
            } else {
                throw new AuthenticationException("unsupported SASL mechanism '" + mechanism + "'");
            }
            authenticated.accept(user);
            sasl.done(Sasl.SaslOutcome.PN_SASL_OK);
        } catch (AuthenticationException e) {
            LOGGER.warn("AMQP 1.0 login refused for {} ({}): {}", remote, mechanism, e.getMessage());
            sasl.done(Sasl.SaslOutcome.PN_SASL_AUTH);
        }
    }

    @Override
    public void onSaslResponse(Sasl sasl, Transport transport) {
        // PLAIN and ANONYMOUS complete in sasl-init
    }

    @Override
    public void onSaslMechanisms(Sasl sasl, Transport transport) {
        // server side: not called
    }

    @Override
    public void onSaslChallenge(Sasl sasl, Transport transport) {
        // server side: not called
    }

    @Override
    public void onSaslOutcome(Sasl sasl, Transport transport) {
        // server side: not called
    }
}
