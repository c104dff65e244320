package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.requests.DeleteGroupsRequest;

/**
 * DeleteGroups (v0–v2): an empty group and its committed offsets go (NON_EMPTY_GROUP while it has
 * members, GROUP_ID_NOT_FOUND when there is none), answered once the tombstones are durable.
 */
public final class DeleteGroupsHandler implements RequestHandler<DeleteGroupsRequest> {
    private final GroupCoordinator groups;

    public DeleteGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<DeleteGroupsResponseData> handle(RequestContext context, DeleteGroupsRequest request) {
        Map<String, CompletableFuture<Short>> results = new LinkedHashMap<>();
        for (String id : request.data().groupsNames()) {
            results.computeIfAbsent(id, g -> groups.deleteGroup(g).thenApply(GroupResponses::code).exceptionally(GroupResponses::code));
        }
        return CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            DeleteGroupsResponseData out = new DeleteGroupsResponseData();
            results.forEach((id, f) -> out.results().add(new DeletableGroupResult().setGroupId(id).setErrorCode(f.join())));
            return out;
        });
    }
}
