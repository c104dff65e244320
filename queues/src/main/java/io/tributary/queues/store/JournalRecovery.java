package io.tributary.queues.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a journal from its directory after a restart, clean or not: every segment is scanned
 * with CRC checks; a torn or corrupt tail is cut off; the acks file says which records are settled
 * and how often the others were delivered; transient records are dropped (as RabbitMQ drops
 * transient messages at restart). Only counts, the cursor, delivery counts of delivered messages and
 * the few entries with out-of-order expiries stay in memory, not the backlog itself.
 */
final class JournalRecovery {
    private static final Logger LOGGER = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {
    }

    /** Settlements and delivery marks of one segment, as its acks file holds them. */
    private record Acks(Set<Integer> settled, Map<Integer, Integer> marks) {
    }

    /** Recovers {@code j} from its directory; returns the entries that need expiry timers of their own. */
    static List<QueueEntry> recover(Journal j, BufferPool pool) throws IOException {
        List<QueueEntry> timers = new ArrayList<>();
        for (long id : segmentIds(j.dir())) {
            MessageSegment s = MessageSegment.open(j.dir(), id, pool);
            if (!validHeader(s)) {
                LOGGER.warn("Removing {}: not a queue segment (bad header)", s);
                s.delete();
                continue;
            }
            recoverSegment(j, s, readAcks(s), pool, timers);
        }
        j.recoveryDone();
        return timers;
    }

    private static void recoverSegment(Journal j, MessageSegment s, Acks acks, BufferPool pool, List<QueueEntry> timers)
            throws IOException {
        int[] firstLive = {-1};
        long[] live = new long[2];
        boolean behindCursor = j.ready() > 0;
        int size = s.writtenSize();
        int validEnd = RecordScanner.scan(s, QueueStoreFormat.FILE_HEADER_SIZE, size, pool, true, (pos, src, at, len) -> {
            s.records++;
            QueueStoreFormat.Meta meta = QueueStoreFormat.readMeta(src, at);
            if (!meta.persistent() || acks.settled().contains(pos)) {
                s.settled++;
                if (behindCursor || firstLive[0] >= 0) {
                    s.recordSkip(pos);
                }
                return;
            }
            int body = QueueStoreFormat.bodySizeOf(src, at, len);
            live[0]++;
            live[1] += body;
            if (firstLive[0] < 0) {
                firstLive[0] = pos;
            }
            int delivered = acks.marks().getOrDefault(pos, 0);
            if (j.recoveredExpiry(meta.expiresAt()) && meta.expiresAt() != Long.MAX_VALUE) {
                timers.add(j.recoveredPinned(s, pos, len, body, meta, delivered));
            } else if (delivered > 0) {
                if (s.marks == null) {
                    s.marks = new HashMap<>();
                }
                s.marks.put(pos, delivered);
            }
        });
        if (validEnd < size) {
            LOGGER.warn("{}: cutting {} bytes of torn or corrupt records at position {}", s, size - validEnd, validEnd);
            s.truncateMsgs(validEnd);
        }
        if (live[0] == 0) {
            s.delete();
            return;
        }
        j.recovered(s, firstLive[0], live[0], live[1]);
    }

    private static boolean validHeader(MessageSegment s) throws IOException {
        if (s.writtenSize() < QueueStoreFormat.FILE_HEADER_SIZE) {
            return false;
        }
        ByteBuffer h = ByteBuffer.allocate(QueueStoreFormat.FILE_HEADER_SIZE);
        s.read(h, 0);
        return QueueStoreFormat.validFileHeader(h.flip(), QueueStoreFormat.MSGS_MAGIC);
    }

    private static Acks readAcks(MessageSegment s) throws IOException {
        Set<Integer> settled = new HashSet<>();
        Map<Integer, Integer> marks = new HashMap<>();
        long len = s.acksFile().size();
        if (len < QueueStoreFormat.FILE_HEADER_SIZE) {
            return new Acks(settled, marks);
        }
        ByteBuffer h = ByteBuffer.allocate(QueueStoreFormat.FILE_HEADER_SIZE);
        s.acksFile().readFully(h, 0);
        if (!QueueStoreFormat.validFileHeader(h.flip(), QueueStoreFormat.ACKS_MAGIC)) {
            LOGGER.warn("{}: acks file has a bad header; treating its records as unsettled", s);
            return new Acks(settled, marks);
        }
        long entries = (len - QueueStoreFormat.FILE_HEADER_SIZE) / QueueStoreFormat.ACK_ENTRY_SIZE;
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long pos = QueueStoreFormat.FILE_HEADER_SIZE;
        long end = pos + entries * QueueStoreFormat.ACK_ENTRY_SIZE;
        while (pos < end) {
            b.clear().limit((int) Math.min(b.capacity(), end - pos));
            s.acksFile().readFully(b, pos);
            b.flip();
            while (b.remaining() >= QueueStoreFormat.ACK_ENTRY_SIZE) {
                int e = b.getInt();
                if ((e & QueueStoreFormat.DELIVERED_BIT) != 0) {
                    marks.merge(e & QueueStoreFormat.MAX_POSITION, 1, Integer::sum);
                } else {
                    settled.add(e);
                }
            }
            pos += b.limit();
        }
        return new Acks(settled, marks);
    }

    /** The segment numbers in {@code dir}, ascending; acks files without their msgs file are removed. */
    static TreeSet<Long> segmentIds(Path dir) throws IOException {
        TreeSet<Long> ids = new TreeSet<>();
        List<Path> acks = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                long id = QueueStoreFormat.segmentIdOf(name);
                if (id >= 0) {
                    ids.add(id);
                } else if (name.startsWith("acks.")) {
                    acks.add(f);
                }
            }
        }
        for (Path a : acks) {
            long id = QueueStoreFormat.segmentIdOf("msgs." + a.getFileName().toString().substring(5));
            if (!ids.contains(id)) {
                Files.deleteIfExists(a);
            }
        }
        return ids;
    }
}
