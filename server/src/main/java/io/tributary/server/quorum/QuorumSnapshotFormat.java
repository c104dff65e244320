package io.tributary.server.quorum;

import io.tributary.queues.quorum.QuorumLimits;
import io.tributary.queues.quorum.QuorumQueueSnapshot;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A quorum queue's Raft snapshot: a magic number and version, the queue's settings, then the
 * {@link QuorumQueueSnapshot} field by field (payloads as length-prefixed bytes). Written and read
 * on the Raft state-machine thread. Version 1 (before length limits) is still read.
 */
public final class QuorumSnapshotFormat {
    private static final int MAGIC_V1 = 0x54515131; // "TQQ1": before length limits and TTL (no limits, sizes or expiries)
    private static final int MAGIC = 0x54515132; // "TQQ2"

    private QuorumSnapshotFormat() {
    }

    public static void write(DataOutputStream out, QuorumQueueSnapshot s) throws IOException {
        out.writeInt(MAGIC);
        out.writeLong(s.deliveryLimit());
        out.writeBoolean(s.singleActiveConsumer());
        out.writeLong(s.limits().maxLength());
        out.writeLong(s.limits().maxLengthBytes());
        out.writeBoolean(s.limits().rejectPublish());
        out.writeLong(s.nextId());
        nullable(out, s.lastServed());
        out.writeInt(s.messages().size());
        for (QuorumQueueSnapshot.MessageState m : s.messages()) {
            out.writeLong(m.id());
            payload(out, m.payload());
            out.writeLong(m.size());
            out.writeLong(m.expiresAt());
            out.writeInt(m.deliveryCount());
            nullable(out, m.holder());
        }
        longs(out, s.returned());
        longs(out, s.ready());
        out.writeInt(s.consumers().size());
        for (QuorumQueueSnapshot.ConsumerState c : s.consumers()) {
            string(out, c.key());
            out.writeInt(c.node());
            out.writeInt(c.prefetch());
            longs(out, c.unsettled());
        }
        out.writeInt(s.deadLetters().size());
        for (QuorumQueueSnapshot.DeadLetterState d : s.deadLetters()) {
            out.writeLong(d.id());
            payload(out, d.payload());
            string(out, d.reason());
            out.writeInt(d.deliveryCount());
        }
    }

    public static QuorumQueueSnapshot read(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC && magic != MAGIC_V1) {
            throw new IOException("not a quorum queue snapshot");
        }
        boolean v1 = magic == MAGIC_V1;
        long deliveryLimit = in.readLong();
        boolean sac = in.readBoolean();
        QuorumLimits limits = v1 ? QuorumLimits.NONE : new QuorumLimits(in.readLong(), in.readLong(), in.readBoolean());
        long nextId = in.readLong();
        String lastServed = nullable(in);
        int n = count(in);
        List<QuorumQueueSnapshot.MessageState> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = in.readLong();
            byte[] payload = payload(in);
            long size = v1 ? QuorumMessageCodec.bodySize(payload) : in.readLong();
            long expiresAt = v1 ? Long.MAX_VALUE : in.readLong();
            messages.add(new QuorumQueueSnapshot.MessageState(id, payload, size, expiresAt, in.readInt(), nullable(in)));
        }
        List<Long> returned = longs(in);
        List<Long> ready = longs(in);
        n = count(in);
        List<QuorumQueueSnapshot.ConsumerState> consumers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            consumers.add(new QuorumQueueSnapshot.ConsumerState(string(in), in.readInt(), in.readInt(), longs(in)));
        }
        n = count(in);
        List<QuorumQueueSnapshot.DeadLetterState> dead = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dead.add(new QuorumQueueSnapshot.DeadLetterState(in.readLong(), payload(in), string(in), in.readInt()));
        }
        return new QuorumQueueSnapshot(deliveryLimit, sac, limits, nextId, lastServed, messages, returned, ready, consumers, dead);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count in quorum queue snapshot");
        }
        return n;
    }

    private static void payload(DataOutputStream out, Object payload) throws IOException {
        byte[] b = (byte[]) payload;
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] payload(DataInputStream in) throws IOException {
        byte[] b = new byte[count(in)];
        in.readFully(b);
        return b;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        return new String(payload(in), StandardCharsets.UTF_8);
    }

    private static void nullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            string(out, s);
        }
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? string(in) : null;
    }

    private static void longs(DataOutputStream out, List<Long> ids) throws IOException {
        out.writeInt(ids.size());
        for (long id : ids) {
            out.writeLong(id);
        }
    }

    private static List<Long> longs(DataInputStream in) throws IOException {
        int n = count(in);
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.readLong());
        }
        return ids;
    }
}
