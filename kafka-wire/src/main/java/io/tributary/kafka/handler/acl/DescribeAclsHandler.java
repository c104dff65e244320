package io.tributary.kafka.handler.acl;

import io.tributary.kafka.acl.AclAuthorizer;
import io.tributary.kafka.acl.AclBinding;
import io.tributary.kafka.acl.AclFilter;
import io.tributary.kafka.acl.AclOperation;
import io.tributary.kafka.acl.Authorizer;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeAclsResponseData;
import org.apache.kafka.common.message.DescribeAclsResponseData.AclDescription;
import org.apache.kafka.common.message.DescribeAclsResponseData.DescribeAclsResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeAclsRequest;

/** DescribeAcls: needs DESCRIBE on the cluster; the matching ACLs grouped by resource pattern. */
final class DescribeAclsHandler implements RequestHandler<DescribeAclsRequest> {
    private final Authorizer authorizer;
    private final AclAuthorizer acls;

    DescribeAclsHandler(Authorizer authorizer, AclAuthorizer acls) {
        this.authorizer = authorizer;
        this.acls = acls;
    }

    private record Pattern(byte type, String name, byte pattern) {
    }

    @Override
    public CompletableFuture<DescribeAclsResponseData> handle(RequestContext context, DescribeAclsRequest request) {
        DescribeAclsResponseData response = new DescribeAclsResponseData();
        if (acls == null) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.SECURITY_DISABLED.code())
                    .setErrorMessage("No Authorizer is configured."));
        }
        if (!Principals.of(authorizer, context).clusterAllowed(AclOperation.DESCRIBE)) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.CLUSTER_AUTHORIZATION_FAILED.code())
                    .setErrorMessage(Errors.CLUSTER_AUTHORIZATION_FAILED.message()));
        }
        DescribeAclsRequestData d = request.data();
        AclFilter filter;
        try {
            filter = AclCodes.filter(d.resourceTypeFilter(), d.resourceNameFilter(), d.patternTypeFilter(), d.principalFilter(), d.hostFilter(),
                    d.operation(), d.permissionType());
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage()));
        }
        Map<Pattern, DescribeAclsResource> byPattern = new LinkedHashMap<>();
        for (AclBinding b : acls.describe(filter)) {
            DescribeAclsResource r = byPattern.computeIfAbsent(new Pattern(AclCodes.code(b.type()), b.name(), AclCodes.code(b.pattern())),
                    p -> new DescribeAclsResource().setResourceType(p.type()).setResourceName(p.name()).setPatternType(p.pattern()));
            r.acls().add(new AclDescription().setPrincipal(b.principal()).setHost(b.host()).setOperation(AclCodes.code(b.operation()))
                    .setPermissionType(AclCodes.code(b.permission())));
        }
        response.setResources(List.copyOf(byPattern.values()));
        return CompletableFuture.completedFuture(response.setErrorCode(Errors.NONE.code()));
    }
}
