package io.tributary.server.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Byte layout of {@code data/meta/metadata.log}, the local metadata store's append-only record log.
 *
 * <pre>
 * file   := header record*
 * header := magic "TRBM" (4) | version u16 (2)
 * record := length u32 (4, bytes after this field) | crc32c u32 (4, of the bytes after it) | body
 * body   := op u8 (1 = put, 2 = delete)
 *           | kind  u16 length + UTF-8
 *           | key   u16 length + UTF-8
 *           | value u32 length + UTF-8   (JSON; empty for delete)
 * </pre>
 *
 * A record whose length runs past the end of the file or whose CRC does not match is a torn write
 * from a crash: recovery keeps everything before it and truncates the rest.
 */
final class MetadataLogFormat {
    static final byte[] MAGIC = {'T', 'R', 'B', 'M'};
    static final short VERSION = 1;
    static final int HEADER_SIZE = 6;
    static final int RECORD_OVERHEAD = 8;
    static final byte OP_PUT = 1;
    static final byte OP_DELETE = 2;

    private MetadataLogFormat() {
    }

    static ByteBuffer header() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        b.put(MAGIC).putShort(VERSION).flip();
        return b;
    }

    static ByteBuffer encode(byte op, String kind, String key, String value) {
        byte[] k = kind.getBytes(StandardCharsets.UTF_8);
        byte[] id = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        if (k.length > 0xFFFF || id.length > 0xFFFF) {
            throw new IllegalArgumentException("metadata kind or key longer than 65535 bytes");
        }
        int bodySize = 1 + 2 + k.length + 2 + id.length + 4 + v.length;
        ByteBuffer b = ByteBuffer.allocate(RECORD_OVERHEAD + bodySize);
        b.putInt(4 + bodySize).putInt(0);
        b.put(op).putShort((short) k.length).put(k).putShort((short) id.length).put(id).putInt(v.length).put(v);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), RECORD_OVERHEAD, bodySize);
        b.putInt(4, (int) crc.getValue());
        b.flip();
        return b;
    }

    /** One decoded record. */
    record Entry(byte op, String kind, String key, String value) {
    }

    /** Decodes a body whose CRC was already checked. */
    static Entry decodeBody(ByteBuffer body) {
        byte op = body.get();
        String kind = string(body, Short.toUnsignedInt(body.getShort()));
        String key = string(body, Short.toUnsignedInt(body.getShort()));
        String value = string(body, body.getInt());
        return new Entry(op, kind, key, value);
    }

    static boolean crcMatches(ByteBuffer body, int expected) {
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        return (int) crc.getValue() == expected;
    }

    private static String string(ByteBuffer b, int len) {
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
