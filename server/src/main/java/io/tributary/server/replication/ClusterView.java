package io.tributary.server.replication;

import java.util.Map;

/** What replication needs to know of the metadata quorum: who controls, and who is alive. */
public interface ClusterView {
    /** True while this node's Raft server leads the metadata group: this node is the controller. */
    boolean isController();

    /** The controller's node id, -1 while there is none. */
    int controllerId();

    /** On the controller: milliseconds since each other node last answered it; elsewhere empty. */
    Map<Integer, Long> silenceMs();

    /**
     * Milliseconds since this node last knew itself in touch with the metadata quorum: as leader,
     * since a majority last answered it; as follower, since the leader last reached it; without a
     * leader, since it lost it. A node that was paused or cut off works from stale partition states
     * while this grows.
     */
    default long quorumSilenceMs() {
        return 0;
    }

    /** The ids of the metadata quorum's members now (joined nodes included, removed ones not); empty when unknown. */
    default java.util.List<Integer> memberIds() {
        return java.util.List.of();
    }

    /** Whether the member's Raft server answers now (a running node). */
    default boolean answers(int nodeId) {
        return false;
    }

    /** Takes a member out of the metadata quorum for good. */
    default java.util.concurrent.CompletableFuture<Void> removeMember(int nodeId) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException("no quorum to change"));
    }
}
