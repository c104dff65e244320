package io.tributary.kafka.handler;

import io.netty.util.concurrent.EventExecutor;
import io.tributary.kafka.ClientConnection;
import io.tributary.kafka.codec.RequestFrame;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.requests.RequestHeader;

/** One request as its handler sees it: the header, the connection it came on, and where to run file work. */
public record RequestContext(RequestFrame frame, ClientConnection connection) {

    public RequestHeader header() {
        return frame.header();
    }

    /** The version of the request (and of its response). */
    public short apiVersion() {
        return frame.responseVersion();
    }

    public String clientId() {
        return frame.header().clientId();
    }

    public EventExecutor storage() {
        return connection.storage();
    }

    /** Runs {@code work} on the connection's storage executor (in request order). */
    public <T> CompletableFuture<T> onStorage(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, connection.storage());
    }
}
