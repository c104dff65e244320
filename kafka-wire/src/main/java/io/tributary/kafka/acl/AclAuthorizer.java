package io.tributary.kafka.acl;

import io.tributary.config.metadata.MetadataStore;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Kafka's ACL authorizer ({@code StandardAuthorizer} semantics): super users may do everything; a
 * matching DENY (for the operation or ALL) refuses; a matching ALLOW (for the operation, ALL, or an
 * operation that implies it) allows; a resource that no ACL covers at all is allowed only with
 * {@code allow.everyone.if.no.acl.found}; anything else is refused.
 *
 * <p>ACLs are durable in the metadata store, kind {@code kafka.acl}, one record per ACL whose key is
 * the ACL itself ({@code TYPE|PATTERN|OPERATION|PERMISSION|name|principal|host}, the last three
 * URL-encoded) and whose value is the same as JSON for people. Decisions read an immutable
 * snapshot, replaced on every change; changes are serialised. The snapshot follows the store: an
 * ACL created or deleted on another node of a cluster is added or removed here when the store tells
 * of its key (this node's own changes are seen a second time there, and change nothing).
 */
public final class AclAuthorizer implements Authorizer {
    static final String KIND = "kafka.acl";

    private final MetadataStore store;
    private final Set<String> superUsers;
    private final boolean allowIfNoAcl;
    private volatile List<AclBinding> acls;

    public AclAuthorizer(MetadataStore store, Set<String> superUsers, boolean allowIfNoAcl) {
        this.store = store;
        this.superUsers = Set.copyOf(superUsers);
        this.allowIfNoAcl = allowIfNoAcl;
        List<AclBinding> loaded = new ArrayList<>();
        store.list(KIND).keySet().forEach(k -> loaded.add(decode(k)));
        this.acls = List.copyOf(loaded);
        store.addListener(KIND, (kind, key, json) -> follow(key));
    }

    /** Takes one ACL as the store holds it now: there, or gone. */
    private synchronized void follow(String key) {
        AclBinding b = decode(key);
        boolean stored = store.get(KIND, key) != null;
        if (stored != acls.contains(b)) {
            Set<AclBinding> next = new LinkedHashSet<>(acls);
            if (stored) {
                next.add(b);
            } else {
                next.remove(b);
            }
            acls = List.copyOf(next);
        }
    }

    @Override
    public boolean authorize(String principal, String host, AclOperation operation, ResourceType type, String name) {
        if (superUsers.contains(principal)) {
            return true;
        }
        boolean covered = false;
        boolean allowed = false;
        Set<AclOperation> allowing = operation.allowedBy();
        for (AclBinding b : acls) {
            if (!b.coversResource(type, name)) {
                continue;
            }
            covered = true;
            if (!b.appliesTo(principal, host)) {
                continue;
            }
            if (b.permission() == AclPermission.DENY && (b.operation() == operation || b.operation() == AclOperation.ALL)) {
                return false;
            }
            if (b.permission() == AclPermission.ALLOW && allowing.contains(b.operation())) {
                allowed = true;
            }
        }
        return allowed || !covered && allowIfNoAcl;
    }

    @Override
    public boolean authorizeAny(String principal, String host, AclOperation operation, ResourceType type) {
        if (superUsers.contains(principal)) {
            return true;
        }
        Set<AclOperation> allowing = operation.allowedBy();
        boolean anyOfType = false;
        for (AclBinding b : acls) {
            if (b.type() != type) {
                continue;
            }
            anyOfType = true;
            if (b.appliesTo(principal, host) && b.permission() == AclPermission.DENY && b.pattern() == PatternType.LITERAL
                    && b.name().equals(AclBinding.WILDCARD) && (b.operation() == operation || b.operation() == AclOperation.ALL)) {
                return false;
            }
        }
        for (AclBinding b : acls) {
            if (b.type() == type && b.appliesTo(principal, host) && b.permission() == AclPermission.ALLOW && allowing.contains(b.operation())) {
                return true;
            }
        }
        return !anyOfType && allowIfNoAcl;
    }

    /** Every ACL the filter selects. */
    public List<AclBinding> describe(AclFilter filter) {
        List<AclBinding> out = new ArrayList<>();
        for (AclBinding b : acls) {
            if (filter.matches(b)) {
                out.add(b);
            }
        }
        return out;
    }

    /** Adds ACLs (already present ones are kept once); completes when durable. */
    public synchronized CompletableFuture<Void> create(List<AclBinding> bindings) {
        Set<AclBinding> next = new LinkedHashSet<>(acls);
        CompletableFuture<?>[] writes = new CompletableFuture<?>[bindings.size()];
        for (int i = 0; i < bindings.size(); i++) {
            AclBinding b = bindings.get(i);
            next.add(b);
            writes[i] = store.put(KIND, encode(b), json(b));
        }
        acls = List.copyOf(next);
        return CompletableFuture.allOf(writes);
    }

    /** Removes the ACLs each filter selects; returns them per filter, once durable. */
    public synchronized CompletableFuture<List<List<AclBinding>>> delete(List<AclFilter> filters) {
        Set<AclBinding> next = new LinkedHashSet<>(acls);
        List<List<AclBinding>> removed = new ArrayList<>();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (AclFilter f : filters) {
            List<AclBinding> matched = new ArrayList<>();
            for (AclBinding b : acls) {
                if (f.matches(b)) {
                    matched.add(b);
                    if (next.remove(b)) {
                        writes.add(store.delete(KIND, encode(b)));
                    }
                }
            }
            removed.add(matched);
        }
        acls = List.copyOf(next);
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> removed);
    }

    static String encode(AclBinding b) {
        return String.join("|", b.type().name(), b.pattern().name(), b.operation().name(), b.permission().name(), enc(b.name()),
                enc(b.principal()), enc(b.host()));
    }

    static AclBinding decode(String key) {
        String[] p = key.split("\\|", -1);
        return new AclBinding(ResourceType.valueOf(p[0]), dec(p[4]), PatternType.valueOf(p[1]), dec(p[5]), dec(p[6]),
                AclOperation.valueOf(p[2]), AclPermission.valueOf(p[3]));
    }

    private static String json(AclBinding b) {
        return "{\"resource_type\":\"" + b.type() + "\",\"name\":" + quote(b.name()) + ",\"pattern_type\":\"" + b.pattern()
                + "\",\"principal\":" + quote(b.principal()) + ",\"host\":" + quote(b.host()) + ",\"operation\":\"" + b.operation()
                + "\",\"permission\":\"" + b.permission() + "\"}";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
