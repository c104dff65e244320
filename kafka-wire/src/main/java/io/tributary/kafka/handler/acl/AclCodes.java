package io.tributary.kafka.handler.acl;

import io.tributary.kafka.acl.AclBinding;
import io.tributary.kafka.acl.AclFilter;
import io.tributary.kafka.acl.AclOperation;
import io.tributary.kafka.acl.AclPermission;
import io.tributary.kafka.acl.PatternType;
import io.tributary.kafka.acl.ResourceType;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;

/** Kafka's wire codes of resource types, pattern types, operations and permissions ⇄ the ACL domain. */
final class AclCodes {
    private AclCodes() {
    }

    /** @throws InvalidRequestException for a field a stored ACL cannot have (ANY, MATCH, UNKNOWN, bad principal) */
    static AclBinding binding(byte type, String name, byte pattern, String principal, String host, byte operation, byte permission) {
        ResourceType t = type(type, false);
        PatternType p = pattern(pattern, false);
        AclOperation op = operation(operation, false);
        AclPermission perm = permission(permission, false);
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("an ACL needs a resource name");
        }
        if (t == ResourceType.CLUSTER && !(ResourceType.CLUSTER_NAME.equals(name) && p == PatternType.LITERAL)) {
            throw new InvalidRequestException("the cluster resource is the literal name " + ResourceType.CLUSTER_NAME);
        }
        if (host == null || host.isEmpty()) {
            throw new InvalidRequestException("an ACL needs a host ('*' for any)");
        }
        return new AclBinding(t, name, p, principal(principal), host, op, perm);
    }

    static AclFilter filter(byte type, String name, byte pattern, String principal, String host, byte operation, byte permission) {
        org.apache.kafka.common.resource.PatternType kp = org.apache.kafka.common.resource.PatternType.fromCode(pattern);
        boolean match = kp == org.apache.kafka.common.resource.PatternType.MATCH;
        return new AclFilter(type(type, true), name, match ? null : pattern(pattern, true), match, principal, host, operation(operation, true),
                permission(permission, true));
    }

    private static String principal(String p) {
        try {
            KafkaPrincipal k = SecurityUtils.parseKafkaPrincipal(p);
            return k.getPrincipalType() + ":" + k.getName();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid principal '" + p + "': " + e.getMessage());
        }
    }

    /** The domain value, or null for ANY when {@code any} is allowed. */
    static ResourceType type(byte code, boolean any) {
        org.apache.kafka.common.resource.ResourceType k = org.apache.kafka.common.resource.ResourceType.fromCode(code);
        switch (k) {
            case TOPIC: return ResourceType.TOPIC;
            case GROUP: return ResourceType.GROUP;
            case CLUSTER: return ResourceType.CLUSTER;
            case TRANSACTIONAL_ID: return ResourceType.TRANSACTIONAL_ID;
            case ANY:
                if (any) {
                    return null;
                }
                throw new InvalidRequestException("resource type ANY is only for filters");
            default: throw new InvalidRequestException("resource type " + k + " is not supported");
        }
    }

    private static PatternType pattern(byte code, boolean any) {
        org.apache.kafka.common.resource.PatternType k = org.apache.kafka.common.resource.PatternType.fromCode(code);
        switch (k) {
            case LITERAL: return PatternType.LITERAL;
            case PREFIXED: return PatternType.PREFIXED;
            case ANY:
                if (any) {
                    return null;
                }
                throw new InvalidRequestException("pattern type ANY is only for filters");
            default: throw new InvalidRequestException("pattern type " + k + " is not valid here");
        }
    }

    private static AclOperation operation(byte code, boolean any) {
        org.apache.kafka.common.acl.AclOperation k = org.apache.kafka.common.acl.AclOperation.fromCode(code);
        if (k == org.apache.kafka.common.acl.AclOperation.ANY && any) {
            return null;
        }
        try {
            return AclOperation.valueOf(k.name());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("operation " + k + " is not valid here");
        }
    }

    private static AclPermission permission(byte code, boolean any) {
        AclPermissionType k = AclPermissionType.fromCode(code);
        switch (k) {
            case ALLOW: return AclPermission.ALLOW;
            case DENY: return AclPermission.DENY;
            case ANY:
                if (any) {
                    return null;
                }
                throw new InvalidRequestException("permission type ANY is only for filters");
            default: throw new InvalidRequestException("permission type " + k + " is not valid here");
        }
    }

    static byte code(ResourceType t) {
        return org.apache.kafka.common.resource.ResourceType.valueOf(t.name()).code();
    }

    static byte code(PatternType p) {
        return org.apache.kafka.common.resource.PatternType.valueOf(p.name()).code();
    }

    static byte code(AclOperation o) {
        return org.apache.kafka.common.acl.AclOperation.valueOf(o.name()).code();
    }

    static byte code(AclPermission p) {
        return AclPermissionType.valueOf(p.name()).code();
    }
}
