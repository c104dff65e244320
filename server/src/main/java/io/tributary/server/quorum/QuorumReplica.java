package io.tributary.server.quorum;

import io.tributary.queues.QueueStats;
import io.tributary.queues.quorum.QuorumCommand;
import io.tributary.queues.quorum.QuorumEffect;
import io.tributary.queues.quorum.QuorumQueueMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One member's copy of a quorum queue: the {@link QuorumQueueMachine} that the group's committed
 * entries are applied to, in log order, and the queue object of this node that acts on what they
 * made happen ({@link Listener}). The Raft state machine of the group owns it; the queue object
 * binds to it when it is made (after a restart the log may be replayed before that: effects for
 * consumers of an earlier run concern nobody, and dead letters are driven by the machine's pending
 * set, not by effects, so a replay repeats nothing).
 *
 * <p>Applied on the Raft state-machine thread; reads from other threads are synchronized.
 */
public final class QuorumReplica {
    /** Hears of each applied entry, on the apply thread: hand work elsewhere, never block. */
    public interface Listener {
        void applied(Object command, List<QuorumEffect> effects);

        /**
         * The state was replaced by a snapshot from the leader while bound: the effects of the
         * entries it stands for were never heard (deliveries to this node's consumers among them).
         */
        void replaced();
    }

    private QuorumQueueMachine machine;
    private volatile Listener listener;

    /** Applies one committed entry (a command, or a batch of them in order); returns the reply to its submitter. */
    public byte[] apply(ByteBuffer entry) {
        if (QuorumCommandFormat.isBatch(entry)) {
            List<ByteBuffer> parts = QuorumCommandFormat.unbatch(entry);
            List<byte[]> replies = new java.util.ArrayList<>(parts.size());
            for (ByteBuffer part : parts) {
                replies.add(applyOne(part));
            }
            return QuorumCommandFormat.batchReply(replies);
        }
        return applyOne(entry);
    }

    private byte[] applyOne(ByteBuffer entry) {
        Object command = QuorumCommandFormat.decode(entry);
        List<QuorumEffect> effects;
        synchronized (this) {
            if (command instanceof QuorumCommandFormat.Configure c) {
                if (machine == null) {
                    machine = new QuorumQueueMachine(c.deliveryLimit(), c.singleActiveConsumer(), c.limits());
                }
                effects = List.of();
            } else {
                if (machine == null) {
                    machine = new QuorumQueueMachine(-1, false);
                }
                effects = machine.apply((QuorumCommand) command);
            }
        }
        Listener l = listener;
        if (l != null) {
            l.applied(command, effects);
        }
        return QuorumCommandFormat.encodeReply(effects);
    }

    public void bind(Listener l) {
        this.listener = l;
    }

    public void unbind(Listener l) {
        if (listener == l) {
            listener = null;
        }
    }

    /** Ready, unsettled and consumer counts as of the last applied entry. */
    public synchronized QueueStats stats() {
        return machine == null ? new QueueStats(0, 0, 0) : new QueueStats(machine.readyCount(), machine.unsettledCount(), machine.consumerCount());
    }

    /** When the next waiting message expires ({@link Long#MAX_VALUE}: never, or none waits). */
    public synchronized long headExpiresAt() {
        return machine == null ? Long.MAX_VALUE : machine.headExpiresAt();
    }

    /** Messages waiting to be dead-lettered, oldest first. */
    public synchronized List<QuorumEffect.DeadLetter> pendingDeadLetters() {
        return machine == null ? List.of() : machine.pendingDeadLetters();
    }

    public synchronized void writeSnapshot(DataOutputStream out) throws IOException {
        QuorumSnapshotFormat.write(out, (machine == null ? new QuorumQueueMachine(-1, false) : machine).snapshot());
    }

    /** Replaces the state with a snapshot's (at start, or one installed from the leader). */
    public void readSnapshot(DataInputStream in) throws IOException {
        synchronized (this) {
            machine = QuorumQueueMachine.restore(QuorumSnapshotFormat.read(in));
        }
        Listener l = listener;
        if (l != null) {
            l.replaced();
        }
    }
}
