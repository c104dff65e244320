package io.tributary.server.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Byte layout of what travels through the Raft group: the payload of each metadata log entry, the
 * read-only queries a node answers from its applied state, and their replies. Ratis frames,
 * checksums and stores these bytes; this class only defines what is inside them.
 *
 * <pre>
 * entry   := version u8 (1) | command
 * command := op u8 = 1 PUT            | kind str16 | key str16 | value str32
 *          | op u8 = 2 DELETE         | kind str16 | key str16
 *          | op u8 = 3 PUT_IF_ABSENT  | kind str16 | key str16 | value str32
 *          | op u8 = 4 BATCH          | count u32 | command{count}     (no BATCH inside a BATCH)
 *          | op u8 = 5 COMPARE_AND_PUT | kind str16 | key str16 | expected opt32 | value str32
 * reply   := changed u32              (records whose value the entry changed; a COMPARE_AND_PUT whose
 *                                      expectation held counts even when its value was already there)
 *
 * query   := version u8 (1) | qop u8 = 1 LIST | kind str16
 *                           | qop u8 = 2 KINDS
 * LIST reply  := count u32 | (key str16 | value str32){count}        (in key order)
 * KINDS reply := count u32 | (kind str16 | records u32){count}       (in kind order)
 *
 * str16 := length u16 | UTF-8 bytes          str32 := length u32 | UTF-8 bytes
 * opt32 := present u8 = 0                    (null: the record must be absent)
 *        | present u8 = 1 | str32
 * </pre>
 *
 * An entry is at most {@link #MAX_ENTRY_BYTES}: Ratis' log appender cannot send a larger one. A
 * version or op this build does not know fails decoding, and the state machine stops rather than
 * skip an entry its peers may have applied.
 */
final class MetadataCommandFormat {
    static final byte VERSION = 1;
    static final byte OP_PUT = 1;
    static final byte OP_DELETE = 2;
    static final byte OP_PUT_IF_ABSENT = 3;
    static final byte OP_BATCH = 4;
    static final byte OP_COMPARE_AND_PUT = 5;
    static final byte QUERY_LIST = 1;
    static final byte QUERY_KINDS = 2;
    /** Largest encoded entry; a single record must fit in one. */
    static final int MAX_ENTRY_BYTES = 1 << 20;

    private MetadataCommandFormat() {
    }

    /**
     * Encodes a command as one log entry.
     *
     * @throws IllegalArgumentException when the entry would exceed {@link #MAX_ENTRY_BYTES}, or a kind
     *     or key is longer than 65535 bytes
     */
    static ByteBuffer encode(MetadataCommand command) {
        Out out = new Out();
        out.u8(VERSION);
        writeCommand(out, command);
        if (out.size() > MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException("metadata change of " + out.size() + " bytes exceeds the limit of " + MAX_ENTRY_BYTES);
        }
        return out.buffer();
    }

    /** Bytes one command adds to a batch entry. */
    static int encodedSize(MetadataCommand command) {
        Out out = new Out();
        writeCommand(out, command);
        return out.size();
    }

    private static void writeCommand(Out out, MetadataCommand command) {
        if (command instanceof MetadataCommand.Put p) {
            out.u8(OP_PUT).str16(p.kind()).str16(p.key()).str32(p.value());
        } else if (command instanceof MetadataCommand.PutIfAbsent p) {
            out.u8(OP_PUT_IF_ABSENT).str16(p.kind()).str16(p.key()).str32(p.value());
        } else if (command instanceof MetadataCommand.CompareAndPut c) {
            out.u8(OP_COMPARE_AND_PUT).str16(c.kind()).str16(c.key()).opt32(c.expected()).str32(c.value());
        } else if (command instanceof MetadataCommand.Delete d) {
            out.u8(OP_DELETE).str16(d.kind()).str16(d.key());
        } else {
            List<MetadataCommand> commands = ((MetadataCommand.Batch) command).commands();
            out.u8(OP_BATCH).u32(commands.size());
            for (MetadataCommand c : commands) {
                writeCommand(out, c);
            }
        }
    }

    /**
     * Decodes a log entry.
     *
     * @throws IllegalStateException when the bytes are not an entry this build can read
     */
    static MetadataCommand decode(ByteBuffer entry) {
        ByteBuffer b = entry.duplicate();
        try {
            version(b);
            MetadataCommand c = readCommand(b, true);
            if (b.hasRemaining()) {
                throw new IllegalStateException(b.remaining() + " bytes after the command");
            }
            return c;
        } catch (BufferUnderflowException e) {
            throw new IllegalStateException("metadata log entry is truncated", e);
        }
    }

    private static MetadataCommand readCommand(ByteBuffer b, boolean top) {
        byte op = b.get();
        switch (op) {
            case OP_PUT:
                return new MetadataCommand.Put(str16(b), str16(b), str32(b));
            case OP_PUT_IF_ABSENT:
                return new MetadataCommand.PutIfAbsent(str16(b), str16(b), str32(b));
            case OP_COMPARE_AND_PUT:
                return new MetadataCommand.CompareAndPut(str16(b), str16(b), opt32(b), str32(b));
            case OP_DELETE:
                return new MetadataCommand.Delete(str16(b), str16(b));
            case OP_BATCH:
                if (!top) {
                    throw new IllegalStateException("a batch inside a batch");
                }
                int count = b.getInt();
                List<MetadataCommand> commands = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    commands.add(readCommand(b, false));
                }
                return new MetadataCommand.Batch(commands);
            default:
                throw new IllegalStateException("unknown metadata op " + op + " (written by a newer Tributary?)");
        }
    }

    static ByteBuffer encodeReply(int changed) {
        return ByteBuffer.allocate(4).putInt(0, changed);
    }

    static int decodeReply(ByteBuffer reply) {
        return reply.remaining() < 4 ? 0 : reply.getInt(reply.position());
    }

    // ---- queries ----

    /** A read-only question to one node's applied state. */
    record Query(byte op, String kind) {
    }

    static ByteBuffer listQuery(String kind) {
        return new Out().u8(VERSION).u8(QUERY_LIST).str16(kind).buffer();
    }

    static ByteBuffer kindsQuery() {
        return new Out().u8(VERSION).u8(QUERY_KINDS).buffer();
    }

    static Query decodeQuery(ByteBuffer query) {
        ByteBuffer b = query.duplicate();
        try {
            version(b);
            byte op = b.get();
            if (op == QUERY_LIST) {
                return new Query(op, str16(b));
            } else if (op == QUERY_KINDS) {
                return new Query(op, null);
            }
            throw new IllegalArgumentException("unknown metadata query " + op);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("metadata query is truncated", e);
        }
    }

    static ByteBuffer encodeRecords(Map<String, String> records) {
        Out out = new Out().u32(records.size());
        records.forEach((k, v) -> out.str16(k).str32(v));
        return out.buffer();
    }

    static Map<String, String> decodeRecords(ByteBuffer reply) {
        ByteBuffer b = reply.duplicate();
        int count = b.getInt();
        Map<String, String> records = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            records.put(str16(b), str32(b));
        }
        return records;
    }

    static ByteBuffer encodeKinds(Map<String, Integer> kinds) {
        Out out = new Out().u32(kinds.size());
        kinds.forEach((k, n) -> out.str16(k).u32(n));
        return out.buffer();
    }

    static Map<String, Integer> decodeKinds(ByteBuffer reply) {
        ByteBuffer b = reply.duplicate();
        int count = b.getInt();
        Map<String, Integer> kinds = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            kinds.put(str16(b), b.getInt());
        }
        return kinds;
    }

    // ---- primitives ----

    private static void version(ByteBuffer b) {
        byte v = b.get();
        if (v != VERSION) {
            throw new IllegalStateException("metadata entry version " + v + " is not " + VERSION + " (written by a newer Tributary?)");
        }
    }

    static String str16(ByteBuffer b) {
        return string(b, Short.toUnsignedInt(b.getShort()));
    }

    static String str32(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new BufferUnderflowException();
        }
        return string(b, len);
    }

    /** A str32 that may be null, behind a presence flag (an empty string is not null). */
    static String opt32(ByteBuffer b) {
        byte present = b.get();
        if (present == 0) {
            return null;
        } else if (present == 1) {
            return str32(b);
        }
        throw new IllegalStateException("presence flag " + present + " is neither 0 nor 1");
    }

    private static String string(ByteBuffer b, int len) {
        if (len > b.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A growable big-endian writer (DataOutputStream is big-endian, as ByteBuffer is). */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        private final DataOutputStream data = new DataOutputStream(bytes);

        Out u8(int v) {
            return run(() -> data.writeByte(v));
        }

        Out u32(int v) {
            return run(() -> data.writeInt(v));
        }

        Out str16(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("metadata kind or key longer than 65535 bytes");
            }
            return run(() -> {
                data.writeShort(b.length);
                data.write(b);
            });
        }

        Out str32(String s) {
            byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
            return run(() -> {
                data.writeInt(b.length);
                data.write(b);
            });
        }

        Out opt32(String s) {
            return s == null ? u8(0) : u8(1).str32(s);
        }

        int size() {
            return bytes.size();
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes.toByteArray());
        }

        private Out run(IoStep step) {
            try {
                step.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }
}
