package io.tributary.logstore.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Records;

/**
 * A run of whole record batches (the last one possibly cut short by the fetch size) in one segment
 * file, to be sent to a consumer without copying: the network layer either sends
 * {@code (channel(), position(), sizeInBytes())} itself ({@code FileChannel.transferTo}, or a Netty
 * {@code FileRegion}) or hands {@link #records()} to kafka-clients' generated FetchResponse.
 *
 * <p><b>The channel is shared with the log and must never be closed by a reader.</b> Netty's
 * {@code DefaultFileRegion} closes its channel when released: wrap the channel in a subclass whose
 * {@code deallocate()} does nothing (epoll's native sendfile still recognises it as a
 * {@code DefaultFileRegion}). A slice stays readable after the log deletes or compacts its segment,
 * for at least the topic's {@code file.delete.delay.ms}, because segment files are renamed and
 * closed only after that delay.
 */
public final class LogSlice {
    private static final LogSlice EMPTY = new LogSlice(null, 0, 0);

    private final FileChannel channel;
    private final long position;
    private final int sizeInBytes;

    private LogSlice(FileChannel channel, long position, int sizeInBytes) {
        this.channel = channel;
        this.position = position;
        this.sizeInBytes = sizeInBytes;
    }

    public static LogSlice of(FileChannel channel, long position, int sizeInBytes) {
        return sizeInBytes == 0 ? EMPTY : new LogSlice(channel, position, sizeInBytes);
    }

    public static LogSlice empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return sizeInBytes == 0;
    }

    /** The segment's channel; null for an empty slice. Shared: never close it. */
    public FileChannel channel() {
        return channel;
    }

    /** Where the slice starts in {@link #channel()}. */
    public long position() {
        return position;
    }

    public int sizeInBytes() {
        return sizeInBytes;
    }

    /**
     * Sends up to {@code count} bytes starting {@code offset} bytes into the slice, with
     * {@code FileChannel.transferTo} (sendfile for sockets).
     *
     * @return bytes sent, which may be fewer than asked (call again for the rest)
     */
    public long transferTo(WritableByteChannel target, long offset, long count) throws IOException {
        long n = Math.min(count, sizeInBytes - offset);
        return n <= 0 ? 0 : channel.transferTo(position + offset, n, target);
    }

    /** Reads the slice's bytes into {@code dst} (for tests and tools; the fetch path sends instead of reading). */
    public void readInto(ByteBuffer dst) throws IOException {
        long p = position;
        int end = dst.position() + Math.min(dst.remaining(), sizeInBytes);
        ByteBuffer view = dst.duplicate();
        view.limit(end);
        while (view.hasRemaining()) {
            int n = channel.read(view, p);
            if (n < 0) {
                throw new IOException("end of file at " + p + " while reading a slice of " + sizeInBytes + " bytes at " + position);
            }
            p += n;
        }
        dst.position(end);
    }

    /**
     * The same bytes as a kafka-clients {@link Records} for the generated FetchResponse: its
     * {@code writeTo}/{@code toSend} transfer from the file without copying; its batch iteration reads
     * into the heap and is meant for tests and tools.
     */
    public Records records() {
        return isEmpty() ? MemoryRecords.EMPTY : new FileSliceRecords(channel, position, sizeInBytes);
    }

    @Override
    public String toString() {
        return "LogSlice(position=" + position + ", size=" + sizeInBytes + ")";
    }
}
