package io.tributary.kafka.handler.sasl;

import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.security.ConnectionSecurity;
import io.tributary.kafka.security.KafkaSecurity;
import java.util.concurrent.CompletableFuture;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SaslAuthenticate: feeds one client token to the connection's SASL server. A failure answers
 * {@code SASL_AUTHENTICATION_FAILED} (with Kafka's wording: no detail that would tell whether the
 * user exists), counts against the remote address, and the connection closes after the answer.
 * Outside an exchange it is {@code ILLEGAL_SASL_STATE}. The session lifetime answered is
 * {@code kafka.connections.max.reauth.ms} (KIP-368; 0 = no re-authentication): kafka-clients then
 * re-authenticate in time, as the same principal.
 */
final class SaslAuthenticateHandler implements RequestHandler<SaslAuthenticateRequest> {
    private static final Logger LOGGER = LoggerFactory.getLogger(SaslAuthenticateHandler.class);

    private final KafkaSecurity security;

    SaslAuthenticateHandler(KafkaSecurity security) {
        this.security = security;
    }

    @Override
    public CompletableFuture<SaslAuthenticateResponseData> handle(RequestContext context, SaslAuthenticateRequest request) {
        ConnectionSecurity conn = context.connection().security();
        SaslAuthenticateResponseData response = new SaslAuthenticateResponseData();
        if (!security.protocol().sasl() || conn.state() != ConnectionSecurity.State.AUTHENTICATE) {
            String why = conn.state() == ConnectionSecurity.State.COMPLETE || !security.protocol().sasl()
                    ? "SaslAuthenticate request received after successful authentication" : "SaslAuthenticate before SaslHandshake";
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.ILLEGAL_SASL_STATE.code()).setErrorMessage(why));
        }
        SaslServer server = (SaslServer) conn.saslServer();
        try {
            byte[] token = server.evaluateResponse(request.data().authBytes());
            if (server.isComplete()) {
                String user = server.getAuthorizationID();
                security.users().checkLogin(user, context.connection().remoteAddress(), true);
                if (conn.reauthenticating()) {
                    if (!user.equals(conn.user())) {
                        return failed(context, conn, response, "Cannot change principals during re-authentication from " + conn.principal()
                                + ": User:" + user, server.getMechanismName() + ": principal changed", false);
                    }
                    conn.authenticated(user, security.reauthMs());
                    return CompletableFuture.completedFuture(response.setErrorCode(Errors.NONE.code()).setAuthBytes(token == null ? new byte[0] : token)
                            .setSessionLifetimeMs(security.reauthMs()));
                }
                if (!security.userConnections().acquire(user)) {
                    return failed(context, conn, response, "Authentication failed: user connection limit ("
                            + security.userConnections().max() + ") is reached", server.getMechanismName() + ": connection limit of " + user, false);
                }
                context.connection().onClose(() -> security.userConnections().release(user));
                conn.authenticated(user, security.reauthMs());
                LOGGER.debug("Kafka connection {} authenticated as {} ({})", context.connection().id(), user, server.getMechanismName());
                response.setSessionLifetimeMs(security.reauthMs());
            }
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.NONE.code()).setAuthBytes(token == null ? new byte[0] : token));
        } catch (SaslAuthenticationException e) {
            // PLAIN's failures were counted by the user directory already
            return failed(context, conn, response, e.getMessage(), server.getMechanismName(), !SaslServers.PLAIN.equals(server.getMechanismName()));
        } catch (SaslException | RuntimeException e) {
            // LoginRefusedException (throttled, loopback user), or a token the SASL server could not even parse
            return failed(context, conn, response, "Authentication failed during authentication due to invalid credentials with SASL mechanism "
                    + server.getMechanismName(), server.getMechanismName() + ": " + e, true);
        }
    }

    private CompletableFuture<SaslAuthenticateResponseData> failed(RequestContext context, ConnectionSecurity conn, SaslAuthenticateResponseData response,
            String message, String logDetail, boolean count) {
        LOGGER.warn("Kafka SASL authentication from {} failed: {}", context.connection().remoteAddress(), logDetail);
        if (count) {
            security.users().loginFailed(context.connection().remoteAddress(), logDetail);
        }
        conn.failed();
        return CompletableFuture.completedFuture(response.setErrorCode(Errors.SASL_AUTHENTICATION_FAILED.code()).setErrorMessage(message));
    }
}
