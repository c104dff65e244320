package io.tributary.kafka.acl;

import java.util.Objects;

/**
 * One ACL: on resources of {@code type} whose name matches {@code name} by {@code pattern},
 * {@code principal} ({@code User:alice}, or {@code User:*}) from {@code host} ({@code *} = anywhere)
 * is allowed or denied {@code operation}.
 */
public record AclBinding(ResourceType type, String name, PatternType pattern, String principal, String host, AclOperation operation,
                         AclPermission permission) {
    public static final String WILDCARD = "*";

    public AclBinding {
        Objects.requireNonNull(type);
        Objects.requireNonNull(name);
        Objects.requireNonNull(pattern);
        Objects.requireNonNull(principal);
        Objects.requireNonNull(host);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(permission);
    }

    /** Whether this ACL's resource pattern covers the resource {@code resourceName} of its type. */
    public boolean coversResource(ResourceType t, String resourceName) {
        if (t != type) {
            return false;
        }
        if (pattern == PatternType.PREFIXED) {
            return resourceName.startsWith(name);
        }
        return name.equals(WILDCARD) || name.equals(resourceName);
    }

    /** Whether this ACL applies to {@code p} connecting from {@code h}. */
    public boolean appliesTo(String p, String h) {
        boolean principalMatches = principal.equals(p) || principal.equals("User:" + WILDCARD);
        return principalMatches && (host.equals(WILDCARD) || host.equals(h));
    }
}
