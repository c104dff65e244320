package io.tributary.kafka.acl;

/**
 * Decides whether a principal may perform an operation on a resource; what the request handlers
 * (and the group and transaction coordinators' handlers) call. {@link #ALLOW_ALL} is the broker
 * without an authorizer, where everyone may do everything, as Kafka without
 * {@code authorizer.class.name}.
 */
public interface Authorizer {
    Authorizer ALLOW_ALL = (principal, host, operation, type, name) -> true;

    /**
     * @param principal {@code User:name}
     * @param host the client's address, as text
     */
    boolean authorize(String principal, String host, AclOperation operation, ResourceType type, String name);

    /**
     * Whether {@code operation} is allowed on at least one resource of {@code type} (Kafka's
     * {@code authorizeByResourceType}: an idempotent producer needs WRITE on some topic).
     */
    default boolean authorizeAny(String principal, String host, AclOperation operation, ResourceType type) {
        return true;
    }

    /** Whether ACLs are enforced at all (false: CreateAcls and friends answer SECURITY_DISABLED). */
    default boolean enabled() {
        return this != ALLOW_ALL;
    }
}
