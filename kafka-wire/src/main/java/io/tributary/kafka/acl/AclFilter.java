package io.tributary.kafka.acl;

/**
 * Selects ACLs for DescribeAcls and DeleteAcls, as Kafka's {@code AclBindingFilter}: a null field
 * matches anything. The pattern filter is a {@link PatternType}, null (ANY: exact field match of
 * either type), or MATCH ({@code match = true}): every ACL whose pattern covers the given name.
 */
public record AclFilter(ResourceType type, String name, PatternType pattern, boolean match, String principal, String host,
                        AclOperation operation, AclPermission permission) {

    public boolean matches(AclBinding b) {
        if (type != null && type != b.type()) {
            return false;
        }
        if (match) {
            if (name != null && !b.coversResource(b.type(), name)) {
                return false;
            }
        } else {
            if (pattern != null && pattern != b.pattern()) {
                return false;
            }
            if (name != null && !name.equals(b.name())) {
                return false;
            }
        }
        return (principal == null || principal.equals(b.principal())) && (host == null || host.equals(b.host()))
                && (operation == null || operation == b.operation())
                && (permission == null || permission == b.permission());
    }
}
