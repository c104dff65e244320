package io.tributary.server.cluster;

import io.tributary.server.quorum.QuorumReplica;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * The Ratis state machine of one quorum queue's group: applies committed entries to the node's
 * {@link QuorumReplica} and writes and restores its snapshots. Ratis calls it on one updater
 * thread, in log order. An entry that cannot be decoded throws: Ratis then stops this member
 * rather than let it diverge.
 */
final class QuorumStateMachine extends SingleFileStateMachine {
    private final QuorumReplica replica;

    QuorumStateMachine(QuorumReplica replica) {
        this.replica = replica;
    }

    @Override
    protected void readSnapshot(Path file, TermIndex at) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            replica.readSnapshot(in);
        }
        setLastAppliedTermIndex(at);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        ByteBuffer data = entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer();
        byte[] reply = replica.apply(data);
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(reply)));
    }

    @Override
    protected void writeSnapshot(Path file, TermIndex at) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            replica.writeSnapshot(out);
        }
    }
}
