package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.classic.HeartbeatParams;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.requests.HeartbeatRequest;

/** Heartbeat (v0–v4) of the classic protocol: REBALANCE_IN_PROGRESS tells the member to join again. */
public final class HeartbeatHandler implements RequestHandler<HeartbeatRequest> {
    private final GroupCoordinator groups;

    public HeartbeatHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<HeartbeatResponseData> handle(RequestContext context, HeartbeatRequest request) {
        HeartbeatRequestData d = request.data();
        return groups.heartbeat(new HeartbeatParams(d.groupId(), d.memberId(), d.groupInstanceId(), d.generationId()))
                .thenApply(e -> new HeartbeatResponseData().setErrorCode(GroupResponses.code(e)));
    }
}
