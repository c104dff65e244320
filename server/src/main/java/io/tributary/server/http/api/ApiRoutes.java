package io.tributary.server.http.api;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.config.security.LoginRefusedException;
import io.tributary.server.http.HttpRequestContext;
import io.tributary.server.http.HttpResponses;
import io.tributary.server.http.HttpRouter;
import io.tributary.server.security.HttpBasicAuth;
import java.util.Set;

/**
 * Registers management routes with what every one of them does first: Basic authentication (401
 * with a {@code WWW-Authenticate} challenge for missing or wrong credentials), the tag the route
 * needs (403 without it), then the handler, whose failures {@link ApiErrors} maps.
 */
public final class ApiRoutes {
    private final HttpRouter router;
    private final HttpBasicAuth auth;
    private final ApiContext context;

    public ApiRoutes(HttpRouter router, HttpBasicAuth auth, ApiContext context) {
        this.router = router;
        this.auth = auth;
        this.context = context;
    }

    public ApiContext context() {
        return context;
    }

    public ApiRoutes get(String pattern, Access access, ApiHandler h) {
        return route(HttpMethod.GET, pattern, access, h);
    }

    public ApiRoutes put(String pattern, Access access, ApiHandler h) {
        return route(HttpMethod.PUT, pattern, access, h);
    }

    public ApiRoutes post(String pattern, Access access, ApiHandler h) {
        return route(HttpMethod.POST, pattern, access, h);
    }

    public ApiRoutes delete(String pattern, Access access, ApiHandler h) {
        return route(HttpMethod.DELETE, pattern, access, h);
    }

    private ApiRoutes route(HttpMethod method, String pattern, Access access, ApiHandler h) {
        router.route(method, pattern, http -> handle(http, access, h));
        return this;
    }

    private FullHttpResponse handle(HttpRequestContext http, Access access, ApiHandler h) {
        String name;
        try {
            name = auth.authenticate(http.header(HttpHeaderNames.AUTHORIZATION.toString()), http.remoteAddress(), Set.of());
        } catch (LoginRefusedException e) {
            FullHttpResponse r = HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "not_authorized", "Login failed");
            if (!"XMLHttpRequest".equals(http.header("X-Requested-With"))) {
                // the console asks with X-Requested-With, so the browser shows its own login form, not a dialog
                r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, HttpBasicAuth.CHALLENGE);
            }
            return r;
        }
        ApiUser user = new ApiUser(name, context.users().tags(name));
        if (!access.allows(user.tags())) {
            return HttpResponses.error(HttpResponseStatus.FORBIDDEN, "not_authorised", "user '" + name + "' lacks the tags this needs: "
                    + access.name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            return h.handle(new ApiRequest(http, user, context));
        } catch (Exception e) {
            return ApiErrors.toResponse(e, http.method() + " " + http.rawPath());
        }
    }
}
