package io.tributary.kafka.group.classic;

import io.tributary.kafka.group.ClassicGroupSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A member of a classic group: its timeouts, the protocols it supports, its assignment, and the
 * JoinGroup or SyncGroup it is waiting on (a long poll answered when the rebalance gets there).
 * Shard-thread only.
 */
final class ClassicMember {
    private static final byte[] EMPTY = new byte[0];

    private String memberId;
    private final String groupInstanceId;
    private String clientId;
    private String clientHost;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private String protocolType;
    private List<Protocol> protocols;
    private byte[] assignment = EMPTY;
    private CompletableFuture<JoinGroupResult> awaitingJoin;
    private CompletableFuture<SyncGroupResult> awaitingSync;

    ClassicMember(String memberId, JoinGroupParams join) {
        this.memberId = memberId;
        this.groupInstanceId = join.groupInstanceId();
        this.clientId = join.clientId();
        this.clientHost = join.clientHost();
        this.protocolType = join.protocolType();
        update(join);
    }

    /** A member read back from the log: it supports exactly the protocol the group chose. */
    ClassicMember(ClassicGroupSnapshot.Member m, String protocolType, String protocol) {
        this.memberId = m.memberId();
        this.groupInstanceId = m.groupInstanceId();
        this.clientId = m.clientId();
        this.clientHost = m.clientHost();
        this.rebalanceTimeoutMs = m.rebalanceTimeoutMs();
        this.sessionTimeoutMs = m.sessionTimeoutMs();
        this.protocolType = protocolType;
        this.protocols = protocol == null ? List.of() : List.of(new Protocol(protocol, m.subscription()));
        this.assignment = m.assignment() == null ? EMPTY : m.assignment();
    }

    /** Takes the timeouts and protocols of a (re)join. */
    void update(JoinGroupParams join) {
        this.rebalanceTimeoutMs = join.rebalanceTimeoutMs();
        this.sessionTimeoutMs = join.sessionTimeoutMs();
        this.protocols = new ArrayList<>(join.protocols());
        this.clientId = join.clientId();
        this.clientHost = join.clientHost();
    }

    /** True when {@code others} are exactly this member's protocols, in order, with the same metadata. */
    boolean matches(List<Protocol> others) {
        if (others.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < others.size(); i++) {
            Protocol a = protocols.get(i);
            Protocol b = others.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.metadata(), b.metadata())) {
                return false;
            }
        }
        return true;
    }

    /** The member's metadata for {@code protocol}, or null when it does not support it. */
    byte[] metadata(String protocol) {
        for (Protocol p : protocols) {
            if (p.name().equals(protocol)) {
                return p.metadata();
            }
        }
        return null;
    }

    ClassicGroupSnapshot.Member snapshot(String protocol) {
        byte[] meta = metadata(protocol);
        return new ClassicGroupSnapshot.Member(memberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs, sessionTimeoutMs,
                meta == null ? EMPTY : meta, assignment);
    }

    String memberId() {
        return memberId;
    }

    void setMemberId(String id) {
        this.memberId = id;
    }

    String groupInstanceId() {
        return groupInstanceId;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    String protocolType() {
        return protocolType;
    }

    List<Protocol> protocols() {
        return protocols;
    }

    byte[] assignment() {
        return assignment;
    }

    void setAssignment(byte[] a) {
        this.assignment = a == null ? EMPTY : a;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    /** Parks a JoinGroup; a JoinGroup parked before (its client gave up on it) is answered so it does not hang. */
    void awaitJoin(CompletableFuture<JoinGroupResult> future) {
        if (awaitingJoin != null && awaitingJoin != future) {
            awaitingJoin.complete(JoinGroupResult.error(io.tributary.kafka.group.GroupError.REBALANCE_IN_PROGRESS, memberId));
        }
        awaitingJoin = future;
    }

    /** Answers the parked JoinGroup, if there is one. */
    void completeJoin(JoinGroupResult result) {
        CompletableFuture<JoinGroupResult> f = awaitingJoin;
        awaitingJoin = null;
        if (f != null) {
            f.complete(result);
        }
    }

    void awaitSync(CompletableFuture<SyncGroupResult> future) {
        if (awaitingSync != null && awaitingSync != future) {
            awaitingSync.complete(SyncGroupResult.error(io.tributary.kafka.group.GroupError.REBALANCE_IN_PROGRESS));
        }
        awaitingSync = future;
    }

    void completeSync(SyncGroupResult result) {
        CompletableFuture<SyncGroupResult> f = awaitingSync;
        awaitingSync = null;
        if (f != null) {
            f.complete(result);
        }
    }
}
