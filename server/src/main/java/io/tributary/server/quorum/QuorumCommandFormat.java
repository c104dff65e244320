package io.tributary.server.quorum;

import io.tributary.queues.quorum.QuorumCommand;
import io.tributary.queues.quorum.QuorumEffect;
import io.tributary.queues.quorum.QuorumLimits;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a quorum queue's Raft log entries and of the replies to them. An entry is one
 * {@link QuorumCommand} (or {@link Configure}, the queue's first entry): an opcode byte, then its
 * fields big-endian, strings as length-prefixed UTF-8, a message as the length-prefixed record of
 * {@link QuorumMessageCodec}. A reply says what a {@code Dequeue} took or how many messages a
 * {@code Purge} dropped.
 */
public final class QuorumCommandFormat {
    private static final byte ENQUEUE = 1;
    private static final byte CHECKOUT = 2;
    private static final byte CANCEL = 3;
    private static final byte SETTLE = 4;
    private static final byte RETURN = 5;
    private static final byte DISCARD = 6;
    private static final byte NODE_DOWN = 7;
    private static final byte PURGE = 8;
    private static final byte DEQUEUE = 9;
    private static final byte DEAD_LETTERED = 10;
    /** An Enqueue of a message with a TTL: the record, then when it expires. */
    private static final byte ENQUEUE_TTL = 11;
    private static final byte EXPIRE = 12;
    private static final byte TOUCH = 13;
    private static final byte STOP = 14;
    private static final byte CONFIGURE = 20;
    /** Configure with length limits (a queue declared with x-max-length / x-max-length-bytes / x-overflow). */
    private static final byte CONFIGURE_LIMITS = 21;
    /** Several entries committed as one (a submitter's group commit); applied one after another. */
    static final byte BATCH = 30;

    private static final byte REPLY_NONE = 0;
    private static final byte REPLY_DEQUEUED = 1;
    private static final byte REPLY_PURGED = 2;
    private static final byte REPLY_REFUSED = 3;

    /** The queue's settings, fixed at declaration: the first entry of its log. */
    public record Configure(long deliveryLimit, boolean singleActiveConsumer, QuorumLimits limits) {
        public Configure(long deliveryLimit, boolean singleActiveConsumer) {
            this(deliveryLimit, singleActiveConsumer, QuorumLimits.NONE);
        }
    }

    /** What a reply says: a dequeued message ({@code id} -1 when there was none), a purge's count, or a refused publish. */
    public record Reply(long id, int deliveryCount, long count, byte[] payload, boolean refused) {
        static final Reply NONE = new Reply(-1, 0, 0, null, false);
    }

    private QuorumCommandFormat() {
    }

    /** Encodes a {@link QuorumCommand} or a {@link Configure}. */
    public static byte[] encode(Object command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(command, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(Object command, DataOutputStream out) throws IOException {
        if (command instanceof QuorumCommand.Enqueue e) {
            writeEnqueue(e, out);
        } else if (command instanceof QuorumCommand.Expire x) {
            out.writeByte(EXPIRE);
            out.writeLong(x.now());
        } else if (command instanceof QuorumCommand.Checkout c) {
            out.writeByte(CHECKOUT);
            string(out, c.consumer());
            out.writeInt(c.node());
            out.writeInt(c.prefetch());
        } else if (command instanceof QuorumCommand.Cancel c) {
            out.writeByte(CANCEL);
            string(out, c.consumer());
        } else if (command instanceof QuorumCommand.Stop st) {
            out.writeByte(STOP);
            string(out, st.consumer());
        } else if (command instanceof QuorumCommand.Settle s) {
            ids(out, SETTLE, s.consumer(), s.ids());
        } else if (command instanceof QuorumCommand.Return r) {
            ids(out, RETURN, r.consumer(), r.ids());
        } else if (command instanceof QuorumCommand.Discard d) {
            ids(out, DISCARD, d.consumer(), d.ids());
        } else if (command instanceof QuorumCommand.NodeDown n) {
            out.writeByte(NODE_DOWN);
            out.writeInt(n.node());
        } else if (command instanceof QuorumCommand.Touch) {
            out.writeByte(TOUCH);
        } else if (command instanceof QuorumCommand.Purge) {
            out.writeByte(PURGE);
        } else if (command instanceof QuorumCommand.Dequeue d) {
            out.writeByte(DEQUEUE);
            string(out, d.consumer());
            out.writeInt(d.node());
            out.writeBoolean(d.settled());
        } else if (command instanceof QuorumCommand.DeadLettered d) {
            ids(out, DEAD_LETTERED, "", d.ids());
        } else if (command instanceof Configure c) {
            writeConfigure(c, out);
        } else {
            throw new IllegalArgumentException("not a quorum queue command: " + command);
        }
    }

    private static void writeEnqueue(QuorumCommand.Enqueue e, DataOutputStream out) throws IOException {
        boolean ttl = e.expiresAt() != Long.MAX_VALUE;
        out.writeByte(ttl ? ENQUEUE_TTL : ENQUEUE);
        byte[] payload = (byte[]) e.payload();
        out.writeInt(payload.length);
        out.write(payload);
        if (ttl) {
            out.writeLong(e.expiresAt());
        }
    }

    /** Without limits as the first format had it, so that a queue without them reads the same in either. */
    private static void writeConfigure(Configure c, DataOutputStream out) throws IOException {
        boolean limited = !c.limits().equals(QuorumLimits.NONE);
        out.writeByte(limited ? CONFIGURE_LIMITS : CONFIGURE);
        out.writeLong(c.deliveryLimit());
        out.writeBoolean(c.singleActiveConsumer());
        if (limited) {
            out.writeLong(c.limits().maxLength());
            out.writeLong(c.limits().maxLengthBytes());
            out.writeBoolean(c.limits().rejectPublish());
        }
    }

    private static void ids(DataOutputStream out, byte op, String consumer, List<Long> ids) throws IOException {
        out.writeByte(op);
        string(out, consumer);
        out.writeInt(ids.size());
        for (long id : ids) {
            out.writeLong(id);
        }
    }

    static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }

    /**
     * Decodes an entry.
     *
     * @throws IllegalArgumentException when it is not one this format writes
     */
    public static Object decode(ByteBuffer in) {
        try {
            byte op = in.get();
            switch (op) {
                case ENQUEUE: {
                    byte[] record = bytes(in, in.getInt());
                    return new QuorumCommand.Enqueue(record, QuorumMessageCodec.bodySize(record));
                }
                case ENQUEUE_TTL: {
                    byte[] record = bytes(in, in.getInt());
                    return new QuorumCommand.Enqueue(record, QuorumMessageCodec.bodySize(record), in.getLong());
                }
                case EXPIRE:
                    return new QuorumCommand.Expire(in.getLong());
                case TOUCH:
                    return new QuorumCommand.Touch();
                case CHECKOUT:
                    return new QuorumCommand.Checkout(string(in), in.getInt(), in.getInt());
                case CANCEL:
                    return new QuorumCommand.Cancel(string(in));
                case STOP:
                    return new QuorumCommand.Stop(string(in));
                case SETTLE:
                    return new QuorumCommand.Settle(string(in), ids(in));
                case RETURN:
                    return new QuorumCommand.Return(string(in), ids(in));
                case DISCARD:
                    return new QuorumCommand.Discard(string(in), ids(in));
                case NODE_DOWN:
                    return new QuorumCommand.NodeDown(in.getInt());
                case PURGE:
                    return new QuorumCommand.Purge();
                case DEQUEUE:
                    return new QuorumCommand.Dequeue(string(in), in.getInt(), in.get() != 0);
                case DEAD_LETTERED:
                    string(in);
                    return new QuorumCommand.DeadLettered(ids(in));
                case CONFIGURE:
                    return new Configure(in.getLong(), in.get() != 0);
                case CONFIGURE_LIMITS:
                    return new Configure(in.getLong(), in.get() != 0, new QuorumLimits(in.getLong(), in.getLong(), in.get() != 0));
                default:
                    throw new IllegalArgumentException("unknown quorum queue entry opcode " + op);
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("malformed quorum queue entry: " + e, e);
        }
    }

    private static List<Long> ids(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining() / 8) {
            throw new IllegalArgumentException("bad id count " + n);
        }
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.getLong());
        }
        return ids;
    }

    static String string(ByteBuffer in) {
        return new String(bytes(in, in.getShort() & 0xFFFF), StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer in, int n) {
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** One log entry holding {@code entries}, applied in order; its reply holds theirs in the same order. */
    public static byte[] batch(java.util.List<byte[]> entries) {
        return frame(BATCH, entries);
    }

    /** Whether an entry is a {@link #batch}. */
    public static boolean isBatch(ByteBuffer entry) {
        return entry.hasRemaining() && entry.get(entry.position()) == BATCH;
    }

    /** The entries (or replies) of a batch, in order; {@code in} positioned at its opcode. */
    public static java.util.List<ByteBuffer> unbatch(ByteBuffer in) {
        in.get();
        int n = in.getInt();
        if (n < 0 || n > in.remaining() / 4) {
            throw new IllegalArgumentException("bad batch count " + n);
        }
        java.util.List<ByteBuffer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = in.getInt();
            if (len < 0 || len > in.remaining()) {
                throw new IllegalArgumentException("bad batch member length " + len);
            }
            ByteBuffer part = in.slice();
            part.limit(len);
            out.add(part);
            in.position(in.position() + len);
        }
        return out;
    }

    /** The reply to a batch: each member's reply, in order. */
    public static byte[] batchReply(java.util.List<byte[]> replies) {
        return frame(BATCH, replies);
    }

    private static byte[] frame(byte op, java.util.List<byte[]> parts) {
        int size = 5;
        for (byte[] p : parts) {
            size += 4 + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(op).putInt(parts.size());
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    /** The reply to an applied entry, from its effects. */
    public static byte[] encodeReply(List<QuorumEffect> effects) {
        for (QuorumEffect e : effects) {
            if (e instanceof QuorumEffect.Dequeued d) {
                byte[] payload = d.id() < 0 ? new byte[0] : (byte[]) d.payload();
                ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + 8 + 4 + payload.length);
                b.put(REPLY_DEQUEUED).putLong(d.id()).putInt(d.deliveryCount()).putLong(d.remaining()).putInt(payload.length).put(payload);
                return b.array();
            }
            if (e instanceof QuorumEffect.Purged p) {
                return ByteBuffer.allocate(9).put(REPLY_PURGED).putLong(p.count()).array();
            }
            if (e instanceof QuorumEffect.Refused) {
                return new byte[] {REPLY_REFUSED};
            }
        }
        return new byte[] {REPLY_NONE};
    }

    public static Reply decodeReply(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return Reply.NONE;
        }
        byte kind = in.get();
        if (kind == REPLY_DEQUEUED) {
            long id = in.getLong();
            int deliveryCount = in.getInt();
            long remaining = in.getLong();
            byte[] payload = bytes(in, in.getInt());
            return new Reply(id, deliveryCount, remaining, id < 0 ? null : payload, false);
        }
        if (kind == REPLY_PURGED) {
            return new Reply(-1, 0, in.getLong(), null, false);
        }
        if (kind == REPLY_REFUSED) {
            return new Reply(-1, 0, 0, null, true);
        }
        return Reply.NONE;
    }
}
