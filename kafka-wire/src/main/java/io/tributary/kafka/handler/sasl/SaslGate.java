package io.tributary.kafka.handler.sasl;

import io.tributary.kafka.ClientConnection;
import io.tributary.kafka.codec.RequestFrame;
import io.tributary.kafka.codec.ResponseFrame;
import io.tributary.kafka.codec.UnreadableRequestException;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.pipeline.RequestProcessor;
import io.tributary.kafka.security.ConnectionSecurity;
import io.tributary.kafka.security.ConnectionSecurity.State;
import io.tributary.kafka.security.KafkaSecurity;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the dispatcher on a SASL listener, as Kafka's {@code SaslServerAuthenticator}: before
 * the handshake only ApiVersions and SaslHandshake are served (anything else closes the connection
 * unanswered); during the exchange only SaslAuthenticate (anything else is answered with that API's
 * {@code ILLEGAL_SASL_STATE} error and the connection closes); a failed handshake or authentication
 * closes the connection once its answer is out; so does not authenticating within the handshake
 * timeout. Authenticated connections pass straight through.
 */
public final class SaslGate implements RequestProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(SaslGate.class);
    private final RequestDispatcher next;
    private final KafkaSecurity security;

    private SaslGate(RequestDispatcher next, KafkaSecurity security) {
        this.next = next;
        this.security = security;
    }

    /** Registers SaslHandshake and SaslAuthenticate with {@code dispatcher} and returns it behind the gate (or as is, without SASL). */
    public static RequestProcessor install(RequestDispatcher dispatcher, KafkaSecurity security) {
        dispatcher.register(ApiKeys.SASL_HANDSHAKE, new SaslHandshakeHandler(security))
                .register(ApiKeys.SASL_AUTHENTICATE, new SaslAuthenticateHandler(security));
        return security.protocol().sasl() ? new SaslGate(dispatcher, security) : dispatcher;
    }

    /** A connection that has not authenticated within the handshake timeout is closed. */
    @Override
    public void connected(ClientConnection connection) {
        long timeout = security.handshakeTimeoutMs();
        connection.eventLoop().schedule(() -> {
            if (connection.security().state() != State.COMPLETE && connection.isOpen()) {
                LOGGER.info("Closing Kafka connection from {}: not authenticated within {} ms", connection.remoteAddress(), timeout);
                connection.close();
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<ResponseFrame> process(RequestFrame request, ClientConnection connection) {
        ConnectionSecurity conn = connection.security();
        ApiKeys api = request.apiKey();
        switch (conn.state()) {
            case COMPLETE:
                if (conn.expired() && api != ApiKeys.SASL_HANDSHAKE) {
                    // KIP-368: the session lifetime passed without re-authentication
                    return refuse(request, "SASL session of " + conn.principal() + " expired without re-authentication");
                }
                return closeIfFailed(next.process(request, connection), conn, connection);
            case HANDSHAKE:
                if (api == ApiKeys.API_VERSIONS || api == ApiKeys.SASL_HANDSHAKE) {
                    return closeIfFailed(next.process(request, connection), conn, connection);
                }
                return refuse(request, "Unexpected Kafka request of type " + api + " during SASL handshake.");
            case AUTHENTICATE:
                if (api == ApiKeys.SASL_AUTHENTICATE) {
                    return closeIfFailed(next.process(request, connection), conn, connection);
                }
                conn.failed();
                ResponseFrame error = request.respond(request.request().getErrorResponse(0,
                        new IllegalSaslStateException("Unexpected Kafka request of type " + api + " during SASL authentication.")).data());
                request.release();
                connection.closeAfterFlush();
                return CompletableFuture.completedFuture(error);
            default:
                return refuse(request, "request after failed SASL authentication");
        }
    }

    private static CompletableFuture<ResponseFrame> refuse(RequestFrame request, String why) {
        request.release();
        return CompletableFuture.failedFuture(new UnreadableRequestException(why + " (" + request.describe() + ")"));
    }

    private static CompletableFuture<ResponseFrame> closeIfFailed(CompletableFuture<ResponseFrame> f, ConnectionSecurity conn,
            ClientConnection connection) {
        return f.whenComplete((r, e) -> {
            if (conn.state() == State.FAILED) {
                connection.closeAfterFlush();
            }
        });
    }
}
