package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupDescription;
import io.tributary.kafka.group.classic.ClassicGroupDescription;
import io.tributary.kafka.group.consumer.ConsumerGroupDescription;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeGroupsRequest;

/**
 * DescribeGroups (v0–v6): classic groups with their members (metadata and assignments while
 * stable); a consumer-protocol group as a summary (ConsumerGroupDescribe has the detail). A group
 * that does not exist is {@code Dead}, with GROUP_ID_NOT_FOUND from v6 as in Kafka.
 */
public final class DescribeGroupsHandler implements RequestHandler<DescribeGroupsRequest> {
    private static final byte[] NONE = new byte[0];

    private final GroupCoordinator groups;

    public DescribeGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<DescribeGroupsResponseData> handle(RequestContext context, DescribeGroupsRequest request) {
        boolean v6 = context.apiVersion() >= 6;
        boolean withOperations = request.data().includeAuthorizedOperations();
        List<CompletableFuture<DescribedGroup>> described = new ArrayList<>();
        for (String id : request.data().groups()) {
            described.add(groups.describeGroup(id).thenApply(d -> describe(id, d, v6, withOperations))
                    .exceptionally(e -> new DescribedGroup().setGroupId(id).setErrorCode(GroupResponses.code(e)).setGroupState("")
                            .setProtocolType("").setProtocolData("").setErrorMessage(v6 ? e.getMessage() : null)));
        }
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).thenApply(v -> {
            DescribeGroupsResponseData out = new DescribeGroupsResponseData();
            described.forEach(f -> out.groups().add(f.join()));
            return out;
        });
    }

    private static DescribedGroup describe(String id, Optional<GroupDescription> d, boolean v6, boolean withOperations) {
        DescribedGroup g = new DescribedGroup().setGroupId(id);
        if (d.isEmpty()) {
            g.setGroupState("Dead").setProtocolType("").setProtocolData("");
            if (v6) {
                g.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()).setErrorMessage("Group " + id + " not found.");
            }
            return g;
        }
        if (withOperations) {
            g.setAuthorizedOperations(GroupOperations.ALL);
        }
        if (d.get() instanceof ClassicGroupDescription c) {
            g.setGroupState(c.state()).setProtocolType(c.protocolType()).setProtocolData(c.protocolName());
            for (ClassicGroupDescription.Member m : c.members()) {
                g.members().add(new DescribedGroupMember().setMemberId(m.memberId()).setGroupInstanceId(m.groupInstanceId())
                        .setClientId(m.clientId()).setClientHost(m.clientHost()).setMemberMetadata(m.metadata()).setMemberAssignment(m.assignment()));
            }
        } else {
            ConsumerGroupDescription c = (ConsumerGroupDescription) d.get();
            g.setGroupState(c.state()).setProtocolType("consumer").setProtocolData(c.assignorName());
            for (ConsumerGroupDescription.Member m : c.members()) {
                g.members().add(new DescribedGroupMember().setMemberId(m.memberId()).setGroupInstanceId(m.instanceId())
                        .setClientId(m.clientId()).setClientHost(m.clientHost()).setMemberMetadata(NONE).setMemberAssignment(NONE));
            }
        }
        return g;
    }
}
