package io.tributary.server.replication;

import java.util.Map;
import java.util.function.LongSupplier;

/** A metadata quorum as a test sets it: whether this node controls, and how long it has been out of touch. */
record FakeClusterView(boolean isController, int controllerId, LongSupplier quorumSilence) implements ClusterView {
    static final FakeClusterView NEVER_CONTROLLER = new FakeClusterView(false, -1, () -> 0);

    @Override
    public Map<Integer, Long> silenceMs() {
        return Map.of();
    }

    @Override
    public long quorumSilenceMs() {
        return quorumSilence.getAsLong();
    }
}
