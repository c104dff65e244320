package io.tributary.logstore.cleaner;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The cleaner's map from record key to the latest offset seen for it, in a fixed amount of memory
 * ({@code log.cleaner.dedupe.buffer.size} split over the cleaner threads), as Kafka's cleaner keeps
 * it: keys are stored as their 16-byte MD5 digest, so the map holds a known number of entries
 * whatever the key sizes. Open addressing with linear probing over one array.
 *
 * <pre>
 *   slot (24 bytes):  hash high 8 | hash low 8 | offset + 1 (8; 0 = empty slot)
 * </pre>
 *
 * A digest collision would make two keys share an entry (the older record of one of them could be
 * dropped); with 128-bit digests that takes around 2^64 distinct keys, far past what fits.
 *
 * <p>Not thread-safe: each cleaner thread owns one and reuses it for every log it cleans.
 */
public final class OffsetMap {
    static final int SLOT_SIZE = 24;
    /** Entries beyond this share of the slots make probing slow; the cleaner stops filling there. */
    static final double LOAD_FACTOR = 0.9;

    private final long[] slots;
    private final int slotCount;
    private final int capacity;
    private final MessageDigest md5;
    private final byte[] digest = new byte[16];
    private int size;

    /** A map using about {@code memoryBytes} of heap. */
    public OffsetMap(long memoryBytes) {
        long count = Math.max(2, memoryBytes / SLOT_SIZE);
        if (count * 3 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an offset map of " + memoryBytes + " bytes is too large");
        }
        this.slotCount = (int) count;
        this.slots = new long[slotCount * 3];
        this.capacity = Math.max(1, (int) (slotCount * LOAD_FACTOR));
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5 digest", e);
        }
    }

    /** Entries the map accepts before it counts as full. */
    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    /** True when {@code entries} more keys, all new, would still fit. */
    public boolean hasRoomFor(int entries) {
        return (long) size + entries <= capacity;
    }

    /** Records {@code offset} as the latest offset of {@code key} (the buffer is not moved). */
    public void put(ByteBuffer key, long offset) {
        hash(key);
        long h1 = high();
        long h2 = low();
        int slot = slotOf(h1);
        while (true) {
            int i = slot * 3;
            if (slots[i + 2] == 0) {
                if (size >= capacity) {
                    throw new IllegalStateException("the offset map is full (" + size + " entries)");
                }
                slots[i] = h1;
                slots[i + 1] = h2;
                slots[i + 2] = offset + 1;
                size++;
                return;
            }
            if (slots[i] == h1 && slots[i + 1] == h2) {
                slots[i + 2] = Math.max(slots[i + 2], offset + 1);
                return;
            }
            slot = slot + 1 == slotCount ? 0 : slot + 1;
        }
    }

    /** The latest offset recorded for {@code key}, or -1 when it is absent. */
    public long get(ByteBuffer key) {
        hash(key);
        long h1 = high();
        long h2 = low();
        int slot = slotOf(h1);
        while (true) {
            int i = slot * 3;
            long stored = slots[i + 2];
            if (stored == 0) {
                return -1;
            }
            if (slots[i] == h1 && slots[i + 1] == h2) {
                return stored - 1;
            }
            slot = slot + 1 == slotCount ? 0 : slot + 1;
        }
    }

    /** Empties the map for the next log. */
    public void clear() {
        if (size > 0) {
            Arrays.fill(slots, 0L);
            size = 0;
        }
    }

    private void hash(ByteBuffer key) {
        md5.update(key.duplicate());
        try {
            md5.digest(digest, 0, digest.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private long high() {
        return longAt(0);
    }

    private long low() {
        return longAt(8);
    }

    private long longAt(int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (digest[i] & 0xFFL);
        }
        return v;
    }

    private int slotOf(long h1) {
        return (int) ((h1 >>> 1) % slotCount);
    }
}
