package io.tributary.kafka.acl;

import java.util.EnumSet;
import java.util.Set;

/** The operations of Kafka's ACLs; {@code ALL} stands for every one. */
public enum AclOperation {
    ALL, READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE;

    /**
     * The operations whose ALLOW also allows this one, as Kafka implies them: DESCRIBE follows from
     * READ, WRITE, DELETE and ALTER; DESCRIBE_CONFIGS from ALTER_CONFIGS; everything from ALL.
     */
    public Set<AclOperation> allowedBy() {
        Set<AclOperation> s = EnumSet.of(this, ALL);
        if (this == DESCRIBE) {
            s.addAll(EnumSet.of(READ, WRITE, DELETE, ALTER));
        } else if (this == DESCRIBE_CONFIGS) {
            s.add(ALTER_CONFIGS);
        }
        return s;
    }
}
