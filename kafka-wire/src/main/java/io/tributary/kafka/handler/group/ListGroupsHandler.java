package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupListing;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.requests.ListGroupsRequest;

/** ListGroups (v0–v5): every group, filtered by state (v4+) and by type (v5+), both case-insensitively. */
public final class ListGroupsHandler implements RequestHandler<ListGroupsRequest> {
    private final GroupCoordinator groups;

    public ListGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<ListGroupsResponseData> handle(RequestContext context, ListGroupsRequest request) {
        short v = context.apiVersion();
        Set<String> states = lower(v >= 4 ? request.data().statesFilter() : List.of());
        Set<String> types = lower(v >= 5 ? request.data().typesFilter() : List.of());
        return groups.listGroups().thenApply(all -> {
            ListGroupsResponseData out = new ListGroupsResponseData();
            all.sort(Comparator.comparing(GroupListing::groupId));
            for (GroupListing g : all) {
                if ((states.isEmpty() || states.contains(g.state().toLowerCase(Locale.ROOT))) && (types.isEmpty() || types.contains(g.type().wireName()))) {
                    out.groups().add(new ListedGroup().setGroupId(g.groupId()).setProtocolType(g.protocolType()).setGroupState(g.state())
                            .setGroupType(g.type().wireName()));
                }
            }
            return out;
        });
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new HashSet<>();
        values.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
        return out;
    }
}
