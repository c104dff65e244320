package io.tributary.kafka.handler.acl;

import io.tributary.kafka.acl.AclAuthorizer;
import io.tributary.kafka.acl.AclBinding;
import io.tributary.kafka.acl.AclFilter;
import io.tributary.kafka.acl.AclOperation;
import io.tributary.kafka.acl.Authorizer;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DeleteAclsRequestData.DeleteAclsFilter;
import org.apache.kafka.common.message.DeleteAclsResponseData;
import org.apache.kafka.common.message.DeleteAclsResponseData.DeleteAclsFilterResult;
import org.apache.kafka.common.message.DeleteAclsResponseData.DeleteAclsMatchingAcl;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteAclsRequest;

/** DeleteAcls: needs ALTER on the cluster; removes what each filter matches and lists it, once durable. */
final class DeleteAclsHandler implements RequestHandler<DeleteAclsRequest> {
    private final Authorizer authorizer;
    private final AclAuthorizer acls;

    DeleteAclsHandler(Authorizer authorizer, AclAuthorizer acls) {
        this.authorizer = authorizer;
        this.acls = acls;
    }

    @Override
    public CompletableFuture<DeleteAclsResponseData> handle(RequestContext context, DeleteAclsRequest request) {
        List<DeleteAclsFilter> filters = request.data().filters();
        Errors all = acls == null ? Errors.SECURITY_DISABLED
                : !Principals.of(authorizer, context).clusterAllowed(AclOperation.ALTER) ? Errors.CLUSTER_AUTHORIZATION_FAILED : null;
        DeleteAclsResponseData response = new DeleteAclsResponseData();
        if (all != null) {
            filters.forEach(f -> response.filterResults().add(new DeleteAclsFilterResult().setErrorCode(all.code()).setErrorMessage(all.message())));
            return CompletableFuture.completedFuture(response);
        }
        List<AclFilter> valid = new ArrayList<>();
        List<DeleteAclsFilterResult> results = new ArrayList<>();
        List<DeleteAclsFilterResult> pending = new ArrayList<>();
        for (DeleteAclsFilter f : filters) {
            DeleteAclsFilterResult r = new DeleteAclsFilterResult();
            try {
                valid.add(AclCodes.filter(f.resourceTypeFilter(), f.resourceNameFilter(), f.patternTypeFilter(), f.principalFilter(), f.hostFilter(),
                        f.operation(), f.permissionType()));
                pending.add(r.setErrorCode(Errors.NONE.code()));
            } catch (ApiException e) {
                r.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage());
            }
            results.add(r);
        }
        return acls.delete(valid).thenApply(removed -> {
            for (int i = 0; i < removed.size(); i++) {
                for (AclBinding b : removed.get(i)) {
                    pending.get(i).matchingAcls().add(new DeleteAclsMatchingAcl().setErrorCode(Errors.NONE.code())
                            .setResourceType(AclCodes.code(b.type())).setResourceName(b.name()).setPatternType(AclCodes.code(b.pattern()))
                            .setPrincipal(b.principal()).setHost(b.host()).setOperation(AclCodes.code(b.operation()))
                            .setPermissionType(AclCodes.code(b.permission())));
                }
            }
            return response.setFilterResults(results);
        });
    }
}
