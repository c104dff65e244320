package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.classic.LeaveGroupParams;
import io.tributary.kafka.group.classic.LeaveGroupResult;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;

/** LeaveGroup: one member (v0–v2), or a batch by member id or group instance id (v3+, KIP-345). */
public final class LeaveGroupHandler implements RequestHandler<LeaveGroupRequest> {
    private final GroupCoordinator groups;

    public LeaveGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<LeaveGroupResponseData> handle(RequestContext context, LeaveGroupRequest request) {
        LeaveGroupRequestData d = request.data();
        boolean batched = context.apiVersion() >= 3;
        List<LeaveGroupParams.Leaving> members = new ArrayList<>();
        if (batched) {
            for (MemberIdentity m : d.members()) {
                members.add(new LeaveGroupParams.Leaving(m.memberId(), m.groupInstanceId(), m.reason()));
            }
        } else {
            members.add(new LeaveGroupParams.Leaving(d.memberId(), null, null));
        }
        return groups.leaveGroup(new LeaveGroupParams(d.groupId(), members)).thenApply(r -> response(r, batched));
    }

    private static LeaveGroupResponseData response(LeaveGroupResult r, boolean batched) {
        LeaveGroupResponseData out = new LeaveGroupResponseData();
        if (!batched) {
            GroupError e = r.error() != GroupError.NONE || r.members().isEmpty() ? r.error() : r.members().get(0).error();
            return out.setErrorCode(GroupResponses.code(e));
        }
        out.setErrorCode(GroupResponses.code(r.error()));
        for (LeaveGroupResult.Member m : r.members()) {
            out.members().add(new MemberResponse().setMemberId(m.memberId()).setGroupInstanceId(m.groupInstanceId())
                    .setErrorCode(GroupResponses.code(m.error())));
        }
        return out;
    }
}
