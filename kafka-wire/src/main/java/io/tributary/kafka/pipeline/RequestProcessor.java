package io.tributary.kafka.pipeline;

import io.tributary.kafka.ClientConnection;
import io.tributary.kafka.codec.RequestFrame;
import io.tributary.kafka.codec.ResponseFrame;
import java.util.concurrent.CompletableFuture;

/** Handles decoded requests; implemented by the handler layer's dispatcher. */
@FunctionalInterface
public interface RequestProcessor {
    /**
     * Starts handling {@code request} and returns its response, or a future completed with null
     * when the request gets no response (Produce with acks=0). Takes ownership of the frame: it is
     * released once handled. A future completed exceptionally closes the connection.
     *
     * <p>Called on the connection's event loop; must not block.
     */
    CompletableFuture<ResponseFrame> process(RequestFrame request, ClientConnection connection);

    /** A connection was accepted (before its first request), on its event loop: e.g. to start a handshake timer. */
    default void connected(ClientConnection connection) {
    }
}
