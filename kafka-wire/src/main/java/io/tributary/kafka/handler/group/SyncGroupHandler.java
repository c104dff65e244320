package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.classic.SyncGroupParams;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.requests.SyncGroupRequest;

/** SyncGroup (v0–v5): followers wait for the leader's assignment, which is answered once it is durable. */
public final class SyncGroupHandler implements RequestHandler<SyncGroupRequest> {
    private final GroupCoordinator groups;

    public SyncGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<SyncGroupResponseData> handle(RequestContext context, SyncGroupRequest request) {
        SyncGroupRequestData d = request.data();
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequestAssignment a : d.assignments()) {
            assignments.put(a.memberId(), a.assignment());
        }
        boolean v5 = context.apiVersion() >= 5;
        SyncGroupParams params = new SyncGroupParams(d.groupId(), d.generationId(), d.memberId(), d.groupInstanceId(),
                v5 ? d.protocolType() : null, v5 ? d.protocolName() : null, assignments);
        return groups.syncGroup(params).thenApply(r -> new SyncGroupResponseData()
                .setErrorCode(GroupResponses.code(r.error()))
                .setProtocolType(r.protocolType())
                .setProtocolName(r.protocolName())
                .setAssignment(r.assignment() == null ? new byte[0] : r.assignment()));
    }
}
