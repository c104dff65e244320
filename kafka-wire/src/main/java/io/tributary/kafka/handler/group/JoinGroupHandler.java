package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.classic.JoinGroupParams;
import io.tributary.kafka.group.classic.JoinGroupResult;
import io.tributary.kafka.group.classic.Protocol;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.requests.JoinGroupRequest;

/**
 * JoinGroup (v0–v9): a long poll, answered when the group's rebalance completes (or at once with
 * MEMBER_ID_REQUIRED for a first join from v4, KIP-394).
 */
public final class JoinGroupHandler implements RequestHandler<JoinGroupRequest> {
    private final GroupCoordinator groups;

    public JoinGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<JoinGroupResponseData> handle(RequestContext context, JoinGroupRequest request) {
        JoinGroupRequestData d = request.data();
        short v = context.apiVersion();
        List<Protocol> protocols = new ArrayList<>(d.protocols().size());
        for (JoinGroupRequestProtocol p : d.protocols()) {
            protocols.add(new Protocol(p.name(), p.metadata()));
        }
        int rebalanceTimeout = v == 0 || d.rebalanceTimeoutMs() < 0 ? d.sessionTimeoutMs() : d.rebalanceTimeoutMs();
        JoinGroupParams params = new JoinGroupParams(d.groupId(), d.memberId(), d.groupInstanceId(), d.protocolType(), protocols,
                d.sessionTimeoutMs(), rebalanceTimeout, GroupResponses.clientId(context), GroupResponses.clientHost(context), v >= 4, v >= 9,
                d.reason());
        return groups.joinGroup(params).thenApply(r -> response(r, v));
    }

    private static JoinGroupResponseData response(JoinGroupResult r, short version) {
        JoinGroupResponseData out = new JoinGroupResponseData()
                .setErrorCode(GroupResponses.code(r.error()))
                .setGenerationId(r.generationId())
                .setProtocolType(r.protocolType())
                .setProtocolName(r.protocolName() == null && version < 7 ? "" : r.protocolName())
                .setLeader(r.leaderId() == null ? "" : r.leaderId())
                .setSkipAssignment(r.skipAssignment())
                .setMemberId(r.memberId());
        for (JoinGroupResult.Member m : r.members()) {
            out.members().add(new JoinGroupResponseMember().setMemberId(m.memberId()).setGroupInstanceId(m.groupInstanceId())
                    .setMetadata(m.metadata()));
        }
        return out;
    }
}
