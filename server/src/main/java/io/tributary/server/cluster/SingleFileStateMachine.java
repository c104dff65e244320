package io.tributary.server.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Ratis state machine whose snapshot is one file beside the group's log (Ratis' simple storage,
 * with an MD5 checksum file): restored at start and when the leader installs one, written when
 * Ratis asks. Subclasses say how their state is written and read.
 */
abstract class SingleFileStateMachine extends BaseStateMachine {
    private static final Logger LOGGER = LoggerFactory.getLogger(SingleFileStateMachine.class);
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();

    /** Writes the state as of {@code at} (the last applied entry) to {@code file}. */
    protected abstract void writeSnapshot(Path file, TermIndex at) throws IOException;

    /** Replaces the state with the snapshot in {@code file}, taken at {@code at}; sets the applied index. */
    protected abstract void readSnapshot(Path file, TermIndex at) throws IOException;

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        load(storage.getLatestSnapshot());
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    /**
     * Before Ratis installs a snapshot from the leader: it only reloads a state machine that says it
     * is paused (BaseStateMachine's pause does nothing, and the install then closed the division).
     */
    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** After a snapshot was installed from the leader: replace the state with it and run again. */
    @Override
    public void reinitialize() throws IOException {
        SingleFileSnapshotInfo installed = storage.loadLatestSnapshot();
        LOGGER.info("{}: snapshot {} installed from the leader", getGroupId(), installed == null ? null : installed.getTermIndex());
        load(installed);
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
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
            throw new IOException("snapshot " + file + " is missing");
        }
        MD5Hash md5 = snapshot.getFile().getFileDigest();
        if (md5 != null) {
            MD5FileUtil.verifySavedMD5(file.toFile(), md5);
        }
        readSnapshot(file, snapshot.getTermIndex());
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        Path file = storage.getSnapshotFile(last.getTerm(), last.getIndex()).toPath();
        // Written under another name and renamed when complete: Ratis looks for the latest snapshot
        // by listing the directory (a log appender may do so at any time), and must never find, and
        // send a follower, a half-written one.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        writeSnapshot(partial, last);
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            ch.force(true); // on disk before Ratis removes the log it replaces
        }
        MD5Hash md5 = MD5FileUtil.computeMd5ForFile(partial.toFile());
        MD5FileUtil.saveMD5File(file.toFile(), md5);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file, md5), last));
        return last.getIndex();
    }
}
