package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.classic.HeartbeatParams;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.requests.HeartbeatRequest;

/**
 * Heartbeat (v0–v4) of the classic protocol: REBALANCE_IN_PROGRESS tells the member to join again.
 * While the group's partition of {@code __consumer_offsets} loads, heartbeats are answered NONE, as
 * Kafka does.
 */
public final class HeartbeatHandler implements RequestHandler<HeartbeatRequest> {
    private final GroupCoordinator groups;

    public HeartbeatHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<HeartbeatResponseData> handle(RequestContext context, HeartbeatRequest request) {
        HeartbeatRequestData d = request.data();
        return groups.heartbeat(new HeartbeatParams(d.groupId(), d.memberId(), d.groupInstanceId(), d.generationId()))
                .handle((e, failure) -> {
                    GroupError error = failure == null ? e : GroupResponses.groupError(failure);
                    if (error == GroupError.COORDINATOR_LOAD_IN_PROGRESS) {
                        // As Kafka: the group is still loading, so answer blindly; the member's session restarts at load.
                        error = GroupError.NONE;
                    }
                    return new HeartbeatResponseData().setErrorCode(GroupResponses.code(error));
                });
    }
}
