package io.tributary.server.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.server.BrokerState;
import io.tributary.server.metrics.Metrics;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /healthz} (200 while started, 503 otherwise) and {@code /metrics} (Prometheus text). */
public final class OperationsRoutes {
    private final Supplier<BrokerState> state;
    private final Metrics metrics;

    public OperationsRoutes(Supplier<BrokerState> state, Metrics metrics) {
        this.state = state;
        this.metrics = metrics;
    }

    public void register(HttpRouter router) {
        router.route(HttpMethod.GET, "/healthz", r -> {
            BrokerState s = state.get();
            HttpResponseStatus status = s == BrokerState.STARTED ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
            return HttpResponses.json(status, Map.of("status", s == BrokerState.STARTED ? "ok" : "unavailable", "state", s.name()));
        });
        router.route(HttpMethod.GET, "/metrics", r -> HttpResponses.text(HttpResponseStatus.OK, Metrics.PROMETHEUS_CONTENT_TYPE, metrics.scrape()));
    }
}
