package io.tributary.kafka.handler.group;

import java.util.EnumSet;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.utils.Utils;

/**
 * The operations a client may perform on a group, as DescribeGroups and ConsumerGroupDescribe
 * report them when asked: the broker has no authorizer, so every operation Kafka defines on groups.
 */
final class GroupOperations {
    static final int ALL = Utils.to32BitField(EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE,
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS).stream().map(AclOperation::code)
            .collect(java.util.stream.Collectors.toSet()));

    private GroupOperations() {
    }
}
