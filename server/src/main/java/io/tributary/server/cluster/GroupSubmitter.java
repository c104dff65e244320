package io.tributary.server.cluster;

import io.tributary.server.quorum.QuorumCommandFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Commits one quorum queue's entries in the order they were submitted, as group commits: whatever
 * queued up while the previous round trip was in flight goes as one batch entry
 * ({@link QuorumCommandFormat#batch}), sent with the blocking Raft client (which finds the leader
 * and retries each call on its own, deduplicated by the servers' retry cache). One batch is in
 * flight per queue at a time, on a shared pool. A batch that fails fails all its entries, and the
 * client is replaced for the next one.
 */
final class GroupSubmitter {
    static final int MAX_BATCH_ENTRIES = 1_000;
    static final int MAX_BATCH_BYTES = 1 << 20;

    private record Pending(byte[] entry, CompletableFuture<ByteBuffer> reply) {
    }

    private final String name;
    private final Supplier<RaftClient> client;
    private final Runnable dropClient;
    private final Executor pool;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    GroupSubmitter(String name, Supplier<RaftClient> client, Runnable dropClient, Executor pool) {
        this.name = name;
        this.client = client;
        this.dropClient = dropClient;
        this.pool = pool;
    }

    CompletableFuture<ByteBuffer> submit(byte[] entry) {
        CompletableFuture<ByteBuffer> reply = new CompletableFuture<>();
        queue.add(new Pending(entry, reply));
        schedule();
        return reply;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false);
                failAll(new IOException("the node is stopping"));
            }
        }
    }

    private void drain() {
        try {
            List<Pending> batch = new ArrayList<>();
            int bytes = 0;
            Pending p;
            while (batch.size() < MAX_BATCH_ENTRIES && bytes < MAX_BATCH_BYTES && (p = queue.poll()) != null) {
                batch.add(p);
                bytes += p.entry().length;
            }
            if (!batch.isEmpty()) {
                send(batch);
            }
        } finally {
            scheduled.set(false);
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    private void send(List<Pending> batch) {
        byte[] entry;
        if (batch.size() == 1) {
            entry = batch.get(0).entry();
        } else {
            List<byte[]> entries = new ArrayList<>(batch.size());
            batch.forEach(b -> entries.add(b.entry()));
            entry = QuorumCommandFormat.batch(entries);
        }
        try {
            RaftClientReply reply;
            try {
                reply = client.get().io().send(Message.valueOf(ByteString.copyFrom(entry)));
            } catch (GroupMismatchException e) {
                // the server asked (the leader the client knew) left the group in a membership change: once more, to the members now
                dropClient.run();
                reply = client.get().io().send(Message.valueOf(ByteString.copyFrom(entry)));
            }
            if (!reply.isSuccess()) {
                throw new IOException("quorum queue '" + name.replace('\u001f', '/') + "': entry not committed: " + reply.getException(),
                        reply.getException());
            }
            ByteBuffer content = reply.getMessage().getContent().asReadOnlyByteBuffer();
            if (batch.size() == 1) {
                batch.get(0).reply().complete(content);
                return;
            }
            List<ByteBuffer> replies = QuorumCommandFormat.unbatch(content);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).reply().complete(replies.get(i));
            }
        } catch (IOException | RuntimeException e) {
            dropClient.run();
            batch.forEach(b -> b.reply().completeExceptionally(e));
        }
    }

    void failAll(Throwable cause) {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.reply().completeExceptionally(cause);
        }
    }
}
