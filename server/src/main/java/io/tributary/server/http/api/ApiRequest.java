package io.tributary.server.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.config.security.VhostPermissions;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.server.http.HttpRequestContext;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One authenticated management request: path variables, query, JSON body, and the checks RabbitMQ
 * makes on the user's virtual-host permissions.
 */
public final class ApiRequest {
    private static final long WAIT_SECONDS = 30;
    private final HttpRequestContext http;
    private final ApiUser user;
    private final ApiContext context;
    private JsonNode body;

    ApiRequest(HttpRequestContext http, ApiUser user, ApiContext context) {
        this.http = http;
        this.user = user;
        this.context = context;
    }

    public ApiUser user() {
        return user;
    }

    public ApiContext context() {
        return context;
    }

    public HttpRequestContext http() {
        return http;
    }

    public String path(String name) {
        return http.path(name);
    }

    public String query(String name) {
        return http.query(name);
    }

    /** A query flag such as {@code if-empty=true}. */
    public boolean flag(String name) {
        return "true".equalsIgnoreCase(http.query(name));
    }

    /** The JSON body; an empty body is an empty object. */
    public JsonNode body() {
        if (body == null) {
            String text = http.bodyText();
            try {
                body = text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("failed to decode json: " + e.getOriginalMessage());
            }
        }
        return body;
    }

    /** The virtual host of the path's {@code {vhost}}: 404 when there is none, 403 when the user has no permissions there. */
    public VirtualHost vhost() {
        String name = path("vhost");
        VirtualHost vh = context.routing().vhosts().get(name);
        if (vh == null) {
            throw ApiException.notFound();
        }
        requireVhostAccess(name);
        return vh;
    }

    /** Whether the user may see a virtual host's contents (permissions there, or monitoring). */
    public boolean canSee(String vhost) {
        return user.seesEverything() || context.users().permissions(user.name(), vhost).isPresent();
    }

    public void requireVhostAccess(String vhost) {
        if (!canSee(vhost)) {
            throw ApiException.forbidden("Access refused: user '" + user.name() + "' has no permissions in vhost '" + vhost + "'");
        }
    }

    /** RabbitMQ's resource check: configure, write or read on a queue or exchange name. */
    public void requirePermission(String vhost, VhostPermissions.Operation op, String resource) {
        Optional<VhostPermissions> p = context.users().permissions(user.name(), vhost);
        if (p.isEmpty() || !p.get().allows(op, resource.isEmpty() ? "amq.default" : resource)) {
            throw ApiException.forbidden("access to '" + (resource.isEmpty() ? "amq.default" : resource) + "' in vhost '" + vhost
                    + "' refused for user '" + user.name() + "'");
        }
    }

    /** Waits (bounded) for a future of the broker; its failure is rethrown for {@link ApiErrors}. */
    public <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = ApiErrors.unwrap(e);
            throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
        } catch (TimeoutException e) {
            throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE, "timeout",
                    "the broker did not answer within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
