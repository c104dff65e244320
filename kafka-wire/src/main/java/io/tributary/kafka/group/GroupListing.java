package io.tributary.kafka.group;

/** A group as ListGroups lists it. */
public record GroupListing(String groupId, String protocolType, String state, GroupType type) {
}
