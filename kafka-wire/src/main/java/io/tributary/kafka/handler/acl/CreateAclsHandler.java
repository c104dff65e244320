package io.tributary.kafka.handler.acl;

import io.tributary.kafka.acl.AclAuthorizer;
import io.tributary.kafka.acl.AclBinding;
import io.tributary.kafka.acl.AclOperation;
import io.tributary.kafka.acl.Authorizer;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.CreateAclsRequestData.AclCreation;
import org.apache.kafka.common.message.CreateAclsResponseData;
import org.apache.kafka.common.message.CreateAclsResponseData.AclCreationResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreateAclsRequest;

/**
 * CreateAcls: needs ALTER on the cluster ({@code CLUSTER_AUTHORIZATION_FAILED}); each creation is
 * validated on its own ({@code INVALID_REQUEST}); answers once the valid ones are durable. Without an
 * authorizer every creation is {@code SECURITY_DISABLED}.
 */
final class CreateAclsHandler implements RequestHandler<CreateAclsRequest> {
    private final Authorizer authorizer;
    private final AclAuthorizer acls;

    CreateAclsHandler(Authorizer authorizer, AclAuthorizer acls) {
        this.authorizer = authorizer;
        this.acls = acls;
    }

    @Override
    public CompletableFuture<CreateAclsResponseData> handle(RequestContext context, CreateAclsRequest request) {
        List<AclCreation> creations = request.data().creations();
        Errors all = acls == null ? Errors.SECURITY_DISABLED
                : !Principals.of(authorizer, context).clusterAllowed(AclOperation.ALTER) ? Errors.CLUSTER_AUTHORIZATION_FAILED : null;
        CreateAclsResponseData response = new CreateAclsResponseData();
        if (all != null) {
            creations.forEach(c -> response.results().add(new AclCreationResult().setErrorCode(all.code()).setErrorMessage(all.message())));
            return CompletableFuture.completedFuture(response);
        }
        List<AclBinding> valid = new ArrayList<>();
        for (AclCreation c : creations) {
            AclCreationResult r = new AclCreationResult();
            try {
                valid.add(AclCodes.binding(c.resourceType(), c.resourceName(), c.resourcePatternType(), c.principal(), c.host(), c.operation(),
                        c.permissionType()));
                r.setErrorCode(Errors.NONE.code());
            } catch (ApiException e) {
                r.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage());
            }
            response.results().add(r);
        }
        return acls.create(valid).thenApply(v -> response);
    }
}
