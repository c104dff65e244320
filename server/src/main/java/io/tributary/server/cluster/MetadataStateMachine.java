package io.tributary.server.cluster;

import io.tributary.config.metadata.MetadataListeners;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the cluster metadata: applies committed entries
 * ({@link MetadataCommandFormat}) to the {@link MetadataState}, writes and restores snapshots
 * ({@link MetadataSnapshotFormat}), and answers read-only queries from the applied state.
 *
 * <p>Ratis calls {@link #applyTransaction} and {@link #takeSnapshot} from one updater thread, in log
 * order, so the state needs no lock and a snapshot is always of exactly one applied index. An entry
 * that cannot be decoded throws from {@code applyTransaction}: Ratis then stops this server rather
 * than let it diverge from its peers.
 */
final class MetadataStateMachine extends SingleFileStateMachine {
    private static final Logger LOGGER = LoggerFactory.getLogger(MetadataStateMachine.class);

    private final MetadataState state = new MetadataState();
    private final AppliedIndexWaiters waiters = new AppliedIndexWaiters();
    private final MetadataListeners listeners = new MetadataListeners();

    /** Who hears of applied changes (from the apply thread, in log order; delivered on their own thread). */
    MetadataListeners listeners() {
        return listeners;
    }

    MetadataState state() {
        return state;
    }

    /** A future completed once this node has applied the entry at {@code index}. */
    CompletableFuture<Void> whenApplied(long index) {
        return waiters.await(index);
    }

    void failWaiters(Throwable cause) {
        waiters.failAll(cause);
    }

    @Override
    protected void readSnapshot(Path file, TermIndex at) throws IOException {
        MetadataSnapshotFormat.Snapshot s = MetadataSnapshotFormat.read(file);
        if (s.term() != at.getTerm() || s.index() != at.getIndex()) {
            throw new IOException("metadata snapshot " + file + " holds (" + s.term() + ", " + s.index() + "), not what its name says");
        }
        listeners.publish(state.replaceWith(s.records()));
        setLastAppliedTermIndex(at);
        waiters.advance(at.getIndex());
        LOGGER.info("Metadata restored from snapshot at index {} ({} kinds)", s.index(), s.records().size());
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        ByteBuffer data = entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer();
        MetadataCommand command = MetadataCommandFormat.decode(data);
        List<MetadataListeners.Change> changes = new ArrayList<>();
        int changed = state.apply(command, changes);
        listeners.publish(changes);
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(MetadataCommandFormat.encodeReply(changed))));
    }

    @Override
    protected boolean updateLastAppliedTermIndex(TermIndex newTermIndex) {
        boolean updated = super.updateLastAppliedTermIndex(newTermIndex);
        waiters.advance(newTermIndex.getIndex());
        return updated;
    }

    @Override
    protected void writeSnapshot(Path file, TermIndex at) throws IOException {
        MetadataSnapshotFormat.write(file, at.getTerm(), at.getIndex(), state.copy());
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        MetadataCommandFormat.Query q;
        try {
            q = MetadataCommandFormat.decodeQuery(request.getContent().asReadOnlyByteBuffer());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        ByteBuffer reply = q.op() == MetadataCommandFormat.QUERY_LIST
                ? MetadataCommandFormat.encodeRecords(state.list(q.kind()))
                : MetadataCommandFormat.encodeKinds(state.kinds());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(reply)));
    }
}
