package io.tributary.queues.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The byte layouts of a queue's journal, written once here (docs/storage.md shows where the files
 * live). All integers are big-endian.
 *
 * <pre>
 * msgs.NNNNNNNNNN  message records of one level of one queue, in arrival order
 *   0   4  magic "TQMS"
 *   4   2  version (1)
 *   6   2  reserved (0)
 *   8      records, back to back:
 *
 *   record
 *   0   4  size        u32: bytes after this field (crc + payload)
 *   4   4  crc32c      CRC-32C of the payload
 *   8   1  flags       bit 0: persistent (recovered after a restart; transient records are not)
 *   9   1  priority    0-255, as published (capped to the queue's x-max-priority when read)
 *  10   2  reserved    0
 *  12   8  receivedAt  ms since the epoch, when the message reached the broker
 *  20   8  expiresAt   ms since the epoch, when it expires; Long.MAX_VALUE = never
 *  28   8  dueAt       ms since the epoch, when a delayed message is due; 0 = not delayed
 *  36   1  F           length of the format name, then F bytes (ASCII), e.g. "amqp-0-9-1"
 *       2  E           length of the exchange name, then E bytes (UTF-8)
 *       2  R           length of the routing key, then R bytes (UTF-8)
 *       4  P           length of the properties, then P bytes, encoded as the format encodes them
 *       4  B           length of the body, then B bytes
 *
 * acks.NNNNNNNNNN  what happened to the records of msgs.NNNNNNNNNN (same number)
 *   0   4  magic "TQMA"
 *   4   2  version (1)
 *   6   2  reserved (0)
 *   8      u32 entries, back to back:
 *            bit 31 clear: the record at position (bits 0-30) is settled: acked, expired,
 *                          dead-lettered, dropped or purged; it is never delivered again
 *            bit 31 set:   the record at position (bits 0-30) was handed to a consumer once more;
 *                          after a restart it is delivered with redelivered=true, and the count of
 *                          these entries is its delivery count (x-delivery-limit)
 * </pre>
 *
 * A segment is deleted once every record in it is settled. A torn tail (a record cut short or with
 * a CRC mismatch, an acks entry cut short) ends the valid part of a file; recovery never appends to
 * a recovered segment again, so a stale acks entry cannot match a later record.
 */
public final class QueueStoreFormat {
    public static final int MSGS_MAGIC = 0x54514D53; // "TQMS"
    public static final int ACKS_MAGIC = 0x54514D41; // "TQMA"
    public static final short VERSION = 1;
    public static final int FILE_HEADER_SIZE = 8;

    /** size + crc. */
    public static final int RECORD_PREFIX = 8;
    /** Fixed part of the payload, up to (not including) the format name length. */
    static final int FIXED_PAYLOAD = 28;
    /** The smallest possible record: prefix, fixed payload and the five length fields, all lengths zero. */
    public static final int MIN_RECORD = RECORD_PREFIX + FIXED_PAYLOAD + 1 + 2 + 2 + 4 + 4;
    public static final int FLAG_PERSISTENT = 1;
    public static final int DELIVERED_BIT = 0x8000_0000;
    public static final int ACK_ENTRY_SIZE = 4;
    /** Largest position an acks entry can name. */
    public static final int MAX_POSITION = 0x7FFF_FFFF;

    private QueueStoreFormat() {
    }

    /** The file names of segment {@code id}. */
    public static String msgsName(long id) {
        return String.format("msgs.%010d", id);
    }

    public static String acksName(long id) {
        return String.format("acks.%010d", id);
    }

    /** The segment number of a {@code msgs.} file name, or -1 when the name is not one. */
    public static long segmentIdOf(String fileName) {
        if (!fileName.startsWith("msgs.") || fileName.length() != 15) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(5));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static void writeFileHeader(ByteBuffer dst, int magic) {
        dst.putInt(magic).putShort(VERSION).putShort((short) 0);
    }

    /** True when {@code src} (8 bytes from its position) is a header of this magic and version. */
    public static boolean validFileHeader(ByteBuffer src, int magic) {
        return src.remaining() >= FILE_HEADER_SIZE && src.getInt(src.position()) == magic
                && src.getShort(src.position() + 4) == VERSION;
    }

    /** The fields of a record besides its strings, properties and body. */
    public record Meta(boolean persistent, int priority, long receivedAt, long expiresAt, long dueAt) {
    }

    /** A record's encoded form, with its size known before it is written. */
    public static final class Encoded {
        final byte[] format;
        final byte[] exchange;
        final byte[] routingKey;
        final byte[] properties;
        final byte[] body;
        final Meta meta;

        public Encoded(String format, String exchange, String routingKey, byte[] properties, byte[] body, Meta meta) {
            this.format = format.getBytes(StandardCharsets.US_ASCII);
            this.exchange = utf8(exchange);
            this.routingKey = utf8(routingKey);
            this.properties = properties;
            this.body = body;
            this.meta = meta;
            if (this.format.length > 255 || this.exchange.length > 65535 || this.routingKey.length > 65535) {
                throw new IllegalArgumentException("format, exchange or routing key too long to store");
            }
        }

        /** Bytes the whole record takes in the segment. */
        public int size() {
            return MIN_RECORD + format.length + exchange.length + routingKey.length + properties.length + body.length;
        }

        /** Writes the payload (everything after size and crc). */
        void writePayload(ByteBuffer dst) {
            dst.put((byte) (meta.persistent() ? FLAG_PERSISTENT : 0)).put((byte) meta.priority()).putShort((short) 0)
                    .putLong(meta.receivedAt()).putLong(meta.expiresAt()).putLong(meta.dueAt());
            dst.put((byte) format.length).put(format);
            dst.putShort((short) exchange.length).put(exchange);
            dst.putShort((short) routingKey.length).put(routingKey);
            dst.putInt(properties.length).put(properties);
            dst.putInt(body.length).put(body);
        }

        /** The whole record as one buffer, ready to write. */
        public ByteBuffer toBuffer() {
            ByteBuffer b = ByteBuffer.allocate(size());
            b.position(RECORD_PREFIX);
            writePayload(b);
            CRC32C crc = new CRC32C();
            crc.update(b.array(), RECORD_PREFIX, b.position() - RECORD_PREFIX);
            b.putInt(0, b.position() - 4).putInt(4, (int) crc.getValue());
            return b.flip();
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    /** A record read back: its fixed fields and where its variable parts lie in the buffer. */
    public record Decoded(Meta meta, String format, String exchange, String routingKey, byte[] properties, byte[] body) {
    }

    /**
     * The total size of the record starting at {@code pos} in {@code src} (absolute), or -1 when its
     * size field is impossible ({@code limit} bounds what may follow).
     */
    public static int recordSize(ByteBuffer src, int pos, long limit) {
        long size = Integer.toUnsignedLong(src.getInt(pos)) + 4;
        return size < MIN_RECORD || size > limit ? -1 : (int) size;
    }

    /** True when the record of {@code size} bytes at {@code pos} has a correct CRC. */
    public static boolean crcMatches(ByteBuffer src, int pos, int size) {
        CRC32C crc = new CRC32C();
        ByteBuffer payload = src.duplicate();
        payload.limit(pos + size).position(pos + RECORD_PREFIX);
        crc.update(payload);
        return (int) crc.getValue() == src.getInt(pos + 4);
    }

    /** Reads the fixed fields of the record at {@code pos}. */
    public static Meta readMeta(ByteBuffer src, int pos) {
        int p = pos + RECORD_PREFIX;
        return new Meta((src.get(p) & FLAG_PERSISTENT) != 0, src.get(p + 1) & 0xFF, src.getLong(p + 4), src.getLong(p + 12),
                src.getLong(p + 20));
    }

    /** The body length of the record at {@code pos}, without decoding it. */
    public static int bodySizeOf(ByteBuffer src, int pos, int size) {
        int p = pos + RECORD_PREFIX + FIXED_PAYLOAD;
        p += 1 + (src.get(p) & 0xFF);
        p += 2 + (src.getShort(p) & 0xFFFF);
        p += 2 + (src.getShort(p) & 0xFFFF);
        p += 4 + src.getInt(p);
        return src.getInt(p);
    }

    /**
     * Decodes the record at {@code pos}, copying its properties and body out of {@code src}.
     *
     * @throws IllegalArgumentException when the lengths inside disagree with the record's size
     */
    public static Decoded decode(ByteBuffer src, int pos, int size) {
        ByteBuffer b = src.duplicate();
        b.limit(pos + size).position(pos + RECORD_PREFIX + FIXED_PAYLOAD);
        Meta meta = readMeta(src, pos);
        try {
            String format = new String(bytes(b, b.get() & 0xFF), StandardCharsets.US_ASCII);
            String exchange = new String(bytes(b, b.getShort() & 0xFFFF), StandardCharsets.UTF_8);
            String routingKey = new String(bytes(b, b.getShort() & 0xFFFF), StandardCharsets.UTF_8);
            byte[] properties = bytes(b, b.getInt());
            byte[] body = bytes(b, b.getInt());
            return new Decoded(meta, format, exchange, routingKey, properties, body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("record at " + pos + " is malformed", e);
        }
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
