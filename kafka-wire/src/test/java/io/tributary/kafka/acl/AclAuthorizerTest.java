package io.tributary.kafka.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.metadata.InMemoryMetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kafka's authorization rules: super users, deny wins, implied DESCRIBE, prefixes and wildcards, no-ACL default, durability. */
class AclAuthorizerTest {
    private final InMemoryMetadataStore store = new InMemoryMetadataStore();
    private final AclAuthorizer acls = new AclAuthorizer(store, Set.of("User:admin"), false);

    private static AclBinding acl(ResourceType t, String name, PatternType p, String who, AclOperation op, AclPermission perm) {
        return new AclBinding(t, name, p, who, "*", op, perm);
    }

    @Test
    void anotherNodesAuthorizerOnTheSameStoreFollowsCreatesAndDeletes() {
        AclAuthorizer other = new AclAuthorizer(store, Set.of(), false);
        acls.create(List.of(acl(ResourceType.TOPIC, "shared", PatternType.LITERAL, "User:bob", AclOperation.READ, AclPermission.ALLOW))).join();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> other.authorize("User:bob", "1.2.3.4", AclOperation.READ, ResourceType.TOPIC, "shared"));
        other.delete(List.of(new AclFilter(ResourceType.TOPIC, "shared", null, false, null, null, null, null))).join();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !acls.authorize("User:bob", "1.2.3.4", AclOperation.READ, ResourceType.TOPIC, "shared"));
        assertThat(other.authorize("User:bob", "1.2.3.4", AclOperation.READ, ResourceType.TOPIC, "shared")).isFalse();
    }

    @Test
    void rules() {
        acls.create(List.of(
                acl(ResourceType.TOPIC, "orders-", PatternType.PREFIXED, "User:alice", AclOperation.READ, AclPermission.ALLOW),
                acl(ResourceType.TOPIC, "orders-secret", PatternType.LITERAL, "User:alice", AclOperation.READ, AclPermission.DENY),
                acl(ResourceType.TOPIC, "*", PatternType.LITERAL, "User:*", AclOperation.WRITE, AclPermission.ALLOW),
                acl(ResourceType.GROUP, "g", PatternType.LITERAL, "User:bob", AclOperation.ALL, AclPermission.ALLOW))).join();
        assertThat(acls.authorize("User:alice", "1.2.3.4", AclOperation.READ, ResourceType.TOPIC, "orders-eu")).isTrue();
        assertThat(acls.authorize("User:alice", "1.2.3.4", AclOperation.DESCRIBE, ResourceType.TOPIC, "orders-eu")).as("implied").isTrue();
        assertThat(acls.authorize("User:alice", "1.2.3.4", AclOperation.READ, ResourceType.TOPIC, "orders-secret")).as("deny wins").isFalse();
        assertThat(acls.authorize("User:alice", "1.2.3.4", AclOperation.DESCRIBE, ResourceType.TOPIC, "orders-secret"))
                .as("a READ deny does not deny DESCRIBE, which WRITE on * implies").isTrue();
        assertThat(acls.authorize("User:carol", "1.2.3.4", AclOperation.WRITE, ResourceType.TOPIC, "anything")).as("wildcards").isTrue();
        assertThat(acls.authorize("User:carol", "1.2.3.4", AclOperation.READ, ResourceType.TOPIC, "anything")).isFalse();
        assertThat(acls.authorize("User:bob", "1.2.3.4", AclOperation.DELETE, ResourceType.GROUP, "g")).as("ALL").isTrue();
        assertThat(acls.authorize("User:alice", "1.2.3.4", AclOperation.READ, ResourceType.GROUP, "other")).as("no ACL, default deny").isFalse();
        assertThat(acls.authorize("User:admin", "1.2.3.4", AclOperation.ALTER, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME)).isTrue();
        assertThat(acls.authorizeAny("User:alice", "h", AclOperation.WRITE, ResourceType.TOPIC)).isTrue();
        assertThat(acls.authorizeAny("User:alice", "h", AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID)).isFalse();
    }

    @Test
    void allowEveryoneIfNoAclFoundOnlyWhereNoAclCoversTheResource() {
        AclAuthorizer open = new AclAuthorizer(store, Set.of(), true);
        open.create(List.of(acl(ResourceType.TOPIC, "locked", PatternType.LITERAL, "User:alice", AclOperation.READ, AclPermission.ALLOW))).join();
        assertThat(open.authorize("User:bob", "h", AclOperation.READ, ResourceType.TOPIC, "free")).isTrue();
        assertThat(open.authorize("User:bob", "h", AclOperation.READ, ResourceType.TOPIC, "locked")).isFalse();
    }

    @Test
    void hostsMustMatch() {
        acls.create(List.of(new AclBinding(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:alice", "10.0.0.1", AclOperation.READ,
                AclPermission.ALLOW))).join();
        assertThat(acls.authorize("User:alice", "10.0.0.1", AclOperation.READ, ResourceType.TOPIC, "t")).isTrue();
        assertThat(acls.authorize("User:alice", "10.0.0.2", AclOperation.READ, ResourceType.TOPIC, "t")).isFalse();
    }

    @Test
    void describeDeleteAndReload() {
        AclBinding a = acl(ResourceType.TOPIC, "a|b c", PatternType.LITERAL, "User:x|y", AclOperation.READ, AclPermission.ALLOW);
        AclBinding b = acl(ResourceType.GROUP, "g", PatternType.PREFIXED, "User:x", AclOperation.READ, AclPermission.ALLOW);
        acls.create(List.of(a, b, a)).join();
        assertThat(acls.describe(new AclFilter(null, null, null, false, null, null, null, null))).containsExactly(a, b);
        assertThat(acls.describe(new AclFilter(ResourceType.GROUP, "g-1", null, true, null, null, null, null))).containsExactly(b);
        assertThat(new AclAuthorizer(store, Set.of(), false).describe(new AclFilter(null, null, null, false, null, null, null, null)))
                .as("reloaded from the metadata store").containsExactlyInAnyOrder(a, b);
        assertThat(acls.delete(List.of(new AclFilter(ResourceType.TOPIC, null, null, false, null, null, null, null))).join())
                .containsExactly(List.of(a));
        assertThat(new AclAuthorizer(store, Set.of(), false).describe(new AclFilter(null, null, null, false, null, null, null, null)))
                .containsExactly(b);
    }
}
