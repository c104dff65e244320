package io.tributary.server.cluster;

import io.tributary.config.metadata.MetadataListeners;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
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
final class MetadataStateMachine extends BaseStateMachine {
    private static final Logger LOGGER = LoggerFactory.getLogger(MetadataStateMachine.class);

    private final MetadataState state = new MetadataState();
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
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
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        load(storage.getLatestSnapshot());
    }

    /** After a snapshot was installed from the leader: replace the state with it. */
    @Override
    public void reinitialize() throws IOException {
        load(storage.loadLatestSnapshot());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private void load(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        Path file = snapshot.getFile().getPath();
        if (!Files.exists(file)) {
            throw new IOException("metadata snapshot " + file + " is missing");
        }
        MD5Hash md5 = snapshot.getFile().getFileDigest();
        if (md5 != null) {
            MD5FileUtil.verifySavedMD5(file.toFile(), md5);
        }
        MetadataSnapshotFormat.Snapshot s = MetadataSnapshotFormat.read(file);
        if (s.term() != snapshot.getTerm() || s.index() != snapshot.getIndex()) {
            throw new IOException("metadata snapshot " + file + " holds (" + s.term() + ", " + s.index() + "), not what its name says");
        }
        listeners.publish(state.replaceWith(s.records()));
        TermIndex at = TermIndex.valueOf(s.term(), s.index());
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
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        Path file = storage.getSnapshotFile(last.getTerm(), last.getIndex()).toPath();
        MetadataSnapshotFormat.write(file, last.getTerm(), last.getIndex(), state.copy());
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file.toFile());
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file, md5), last));
        return last.getIndex();
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
