package io.tributary.kafka.handler.acl;

import io.tributary.kafka.acl.AclOperation;
import io.tributary.kafka.acl.Authorizer;
import io.tributary.kafka.acl.ResourceType;
import io.tributary.kafka.handler.RequestContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One request's principal and host put to the authorizer: the check every handler (and the group and
 * transaction handlers of other packages) calls, {@code Principals.of(authorizer, context).allowed(...)}.
 */
public final class Principals {
    private final Authorizer authorizer;
    private final String principal;
    private final String host;

    private Principals(Authorizer authorizer, String principal, String host) {
        this.authorizer = authorizer;
        this.principal = principal;
        this.host = host;
    }

    public static Principals of(Authorizer authorizer, RequestContext context) {
        return new Principals(authorizer, context.connection().security().principal(), host(context.connection().remoteAddress()));
    }

    public boolean allowed(AclOperation operation, ResourceType type, String name) {
        return authorizer.authorize(principal, host, operation, type, name);
    }

    public boolean clusterAllowed(AclOperation operation) {
        return allowed(operation, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME);
    }

    public String principal() {
        return principal;
    }

    public String host() {
        return host;
    }

    static String host(SocketAddress remote) {
        if (remote instanceof InetSocketAddress a) {
            return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        }
        return String.valueOf(remote);
    }
}
