package io.tributary.server.http.api;

import io.tributary.server.http.HttpRouter;
import io.tributary.server.security.HttpBasicAuth;

/** Registers every management resource group on the HTTP router. */
public final class ManagementApi {
    private ManagementApi() {
    }

    public static void register(HttpRouter router, ApiContext context) {
        ApiRoutes routes = new ApiRoutes(router, new HttpBasicAuth(context.users()), context);
        OverviewRoutes.register(routes);
        VhostRoutes.register(routes);
        ExchangeRoutes.register(routes);
        QueueRoutes.register(routes);
        QuorumReplicaRoutes.register(routes);
        MessageRoutes.register(routes);
        BindingRoutes.register(routes);
        ConnectionRoutes.register(routes);
        UserRoutes.register(routes);
        PolicyRoutes.register(routes);
        DefinitionRoutes.register(routes);
        TopicRoutes.register(routes);
        GroupRoutes.register(routes);
        StreamRoutes.register(routes);
    }
}
