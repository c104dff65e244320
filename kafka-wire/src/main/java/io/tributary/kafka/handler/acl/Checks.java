package io.tributary.kafka.handler.acl;

import io.tributary.kafka.acl.AclOperation;
import io.tributary.kafka.acl.Authorizer;
import io.tributary.kafka.acl.ResourceType;
import io.tributary.kafka.handler.RequestHandler;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.requests.AbstractRequest;

/**
 * Whole-request checks: when any resource a request names is refused, the request is answered with
 * its API's error response for that refusal (kafka-clients' {@code getErrorResponse}), as Kafka does
 * for the single-resource APIs (JoinGroup, EndTxn, DescribeCluster, ...). Used where a client sends
 * one resource per request in practice.
 */
final class Checks {
    /** The refusal of {@code request}, or null when it may go ahead. */
    @FunctionalInterface
    interface Check<R> {
        ApiException refusal(Principals p, R request);
    }

    private Checks() {
    }

    static <R extends AbstractRequest> RequestHandler<R> guarded(RequestHandler<R> handler, Authorizer authorizer, Check<R> check) {
        return (context, request) -> {
            ApiException refused = check.refusal(Principals.of(authorizer, context), request);
            if (refused != null) {
                return CompletableFuture.completedFuture(request.getErrorResponse(0, refused).data());
            }
            return handler.handle(context, request);
        };
    }

    static ApiException topics(Principals p, AclOperation op, Iterable<String> names) {
        Set<String> denied = new TreeSet<>();
        for (String n : names) {
            if (n != null && !n.isEmpty() && !p.allowed(op, ResourceType.TOPIC, n)) {
                denied.add(n);
            }
        }
        return denied.isEmpty() ? null : new TopicAuthorizationException(denied);
    }

    static ApiException group(Principals p, AclOperation op, String group) {
        return group == null || p.allowed(op, ResourceType.GROUP, group) ? null
                : new GroupAuthorizationException("Not authorized to access group: " + group, group);
    }

    static ApiException groups(Principals p, AclOperation op, Iterable<String> groups) {
        for (String g : groups) {
            ApiException e = group(p, op, g);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    static ApiException transactionalId(Principals p, AclOperation op, String id) {
        return id == null || id.isEmpty() || p.allowed(op, ResourceType.TRANSACTIONAL_ID, id) ? null
                : new TransactionalIdAuthorizationException("Transactional Id authorization failed.");
    }

    static ApiException cluster(Principals p, AclOperation op) {
        return p.clusterAllowed(op) ? null : new ClusterAuthorizationException("Cluster authorization failed.");
    }

    /** The first refusal of several checks, or null. */
    static ApiException first(ApiException... refusals) {
        for (ApiException e : refusals) {
            if (e != null) {
                return e;
            }
        }
        return null;
    }
}
