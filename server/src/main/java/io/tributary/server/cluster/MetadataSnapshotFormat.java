package io.tributary.server.cluster;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Byte layout of a metadata snapshot, {@code <raft dir>/<group>/sm/snapshot.<term>_<index>}: every
 * record as of one applied log index. Ratis finds snapshots by that file name, keeps an MD5 of each
 * beside it, and sends the file to a follower that is too far behind to catch up from the log.
 *
 * <pre>
 * file    := magic "TRBS" (4) | version u16 (2) | term u64 (8) | index u64 (8) | kinds u32 (4)
 *            | kind{kinds} | crc32c u32 (4, of every byte before it)
 * kind    := name str16 | records u32 | (key str16 | value str32){records}    (kinds and keys sorted)
 * str16   := length u16 | UTF-8        str32 := length u32 | UTF-8
 * </pre>
 *
 * Written to a temporary file, fsynced, and renamed into place, so a crash leaves either the old
 * snapshot or the new one. A file whose CRC, magic or version does not match is refused.
 */
final class MetadataSnapshotFormat {
    static final byte[] MAGIC = {'T', 'R', 'B', 'S'};
    static final short VERSION = 1;

    private MetadataSnapshotFormat() {
    }

    /** A snapshot as read back. */
    record Snapshot(long term, long index, Map<String, Map<String, String>> records) {
    }

    /** Writes {@code records} as of (term, index) to {@code file}, atomically and durably. */
    static void write(Path file, long term, long index, Map<String, Map<String, String>> records) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32C crc = new CRC32C();
        try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
             DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 64 * 1024), crc))) {
            out.write(MAGIC);
            out.writeShort(VERSION);
            out.writeLong(term);
            out.writeLong(index);
            out.writeInt(records.size());
            for (Map.Entry<String, Map<String, String>> kind : new TreeMap<>(records).entrySet()) {
                str16(out, kind.getKey());
                out.writeInt(kind.getValue().size());
                for (Map.Entry<String, String> r : new TreeMap<>(kind.getValue()).entrySet()) {
                    str16(out, r.getKey());
                    byte[] v = r.getValue().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(v.length);
                    out.write(v);
                }
            }
            out.flush();
            // The CRC goes through the underlying stream so that it does not checksum itself.
            DataOutputStream tail = new DataOutputStream(raw);
            tail.writeInt((int) crc.getValue());
            tail.flush();
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /**
     * Reads a snapshot file.
     *
     * @throws IOException when it is not a complete, uncorrupted snapshot of this format
     */
    static Snapshot read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 30) {
            throw new IOException(file + " is too short to be a metadata snapshot");
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 4);
        ByteBuffer b = ByteBuffer.wrap(all);
        if ((int) crc.getValue() != b.getInt(all.length - 4)) {
            throw new IOException(file + ": metadata snapshot checksum does not match");
        }
        byte[] magic = new byte[4];
        b.get(magic);
        short version = b.getShort();
        if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
            throw new IOException(file + " is not a Tributary metadata snapshot (bad magic or version " + version + ")");
        }
        b.limit(all.length - 4);
        try {
            long term = b.getLong();
            long index = b.getLong();
            int kinds = b.getInt();
            Map<String, Map<String, String>> records = new TreeMap<>();
            for (int i = 0; i < kinds; i++) {
                String kind = MetadataCommandFormat.str16(b);
                int n = b.getInt();
                Map<String, String> r = new TreeMap<>();
                for (int j = 0; j < n; j++) {
                    r.put(MetadataCommandFormat.str16(b), MetadataCommandFormat.str32(b));
                }
                records.put(kind, r);
            }
            return new Snapshot(term, index, records);
        } catch (BufferUnderflowException e) {
            throw new IOException(file + ": metadata snapshot is truncated", e);
        }
    }

    private static void str16(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }
}
