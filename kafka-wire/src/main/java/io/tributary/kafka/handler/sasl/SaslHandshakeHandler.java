package io.tributary.kafka.handler.sasl;

import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.security.ConnectionSecurity;
import io.tributary.kafka.security.KafkaSecurity;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.SaslHandshakeRequest;

/**
 * SaslHandshake: picks the mechanism. On a listener without SASL, or once authenticated, it is
 * {@code ILLEGAL_SASL_STATE}; a mechanism not enabled gets {@code UNSUPPORTED_SASL_MECHANISM} with the
 * enabled list and the connection closes after the answer. Version 0 (tokens without Kafka headers)
 * is refused the same way: every client since Kafka 1.0 uses version 1. With re-authentication on
 * ({@code kafka.connections.max.reauth.ms}), an authenticated connection may hand-shake again, with the
 * mechanism it used before (another one fails the connection, as Kafka's {@code REAUTH_BAD_MECHANISM}).
 */
final class SaslHandshakeHandler implements RequestHandler<SaslHandshakeRequest> {
    private final KafkaSecurity security;

    SaslHandshakeHandler(KafkaSecurity security) {
        this.security = security;
    }

    @Override
    public CompletableFuture<SaslHandshakeResponseData> handle(RequestContext context, SaslHandshakeRequest request) {
        ConnectionSecurity conn = context.connection().security();
        SaslHandshakeResponseData response = new SaslHandshakeResponseData().setMechanisms(security.mechanisms());
        String mechanism = request.data().mechanism();
        boolean reauth = conn.state() == ConnectionSecurity.State.COMPLETE && security.reauthMs() > 0;
        if (!security.protocol().sasl() || conn.state() != ConnectionSecurity.State.HANDSHAKE && !reauth) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.ILLEGAL_SASL_STATE.code()));
        }
        if (reauth && !mechanism.equals(conn.mechanism())) {
            conn.failed();
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.ILLEGAL_SASL_STATE.code()));
        }
        if (!security.mechanisms().contains(mechanism) || context.apiVersion() < 1) {
            conn.failed();
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.UNSUPPORTED_SASL_MECHANISM.code()));
        }
        conn.handshakeDone(SaslServers.create(mechanism, security.users(), context.connection().remoteAddress()), mechanism);
        return CompletableFuture.completedFuture(response.setErrorCode(Errors.NONE.code()));
    }
}
