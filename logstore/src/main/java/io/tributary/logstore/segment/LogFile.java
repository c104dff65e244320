package io.tributary.logstore.segment;

import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.RecordBatchFormat;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A segment's {@code .log} file: record batches back to back. Appends are positional writes at
 * the current size (page cache only; {@link #flush()} makes them durable), so concurrent readers'
 * positional reads are never disturbed.
 */
public final class LogFile {
    private volatile Path file;
    private final FileChannel channel;
    private volatile int size;

    private LogFile(Path file, FileChannel channel, int size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /** Opens (creating when absent) the file for reading and appending. */
    public static LogFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long length = ch.size();
        if (length > Integer.MAX_VALUE) {
            ch.close();
            throw new IOException("segment file " + file + " is larger than 2 GiB");
        }
        return new LogFile(file, ch, (int) length);
    }

    public Path file() {
        return file;
    }

    /** Shared with readers' slices: never closed while the segment may be read. */
    public FileChannel channel() {
        return channel;
    }

    public int size() {
        return size;
    }

    /** Writes all of {@code buf}'s remaining bytes at the end of the file (the buffer is not moved). */
    public int append(ByteBuffer buf) throws IOException {
        ByteBuffer view = buf.duplicate();
        int written = view.remaining();
        long pos = size;
        while (view.hasRemaining()) {
            pos += channel.write(view, pos);
        }
        size += written;
        return written;
    }

    /** Reads exactly {@code dst.remaining()} bytes at {@code position}. */
    public void readFully(ByteBuffer dst, long position) throws IOException {
        long p = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, p);
            if (n < 0) {
                throw new EOFException("end of " + file + " at " + p);
            }
            p += n;
        }
    }

    /** fdatasync: the appended bytes and the file's size are durable afterwards. */
    public void flush() throws IOException {
        channel.force(false);
    }

    /** Cuts the file to {@code newSize} bytes; returns the bytes removed. */
    public int truncateTo(int newSize) throws IOException {
        int old = size;
        if (newSize < 0 || newSize > old) {
            throw new IllegalArgumentException("cannot truncate " + file + " of " + old + " bytes to " + newSize);
        }
        if (newSize < channel.size()) {
            channel.truncate(newSize);
        }
        size = newSize;
        return old - newSize;
    }

    public void renameTo(Path target) throws IOException {
        FileOps.atomicMove(file, target);
        file = target;
    }

    public void close() throws IOException {
        channel.close();
    }

    /**
     * The headers of the batches from {@code startPosition} up to {@code endPosition}, read one by
     * one. Iteration stops quietly at a header that is cut off or declares an impossible size (a
     * torn tail); recovery checks CRCs separately.
     */
    public Iterable<BatchHeader> headersFrom(int startPosition, int endPosition) {
        return () -> new HeaderIterator(startPosition, Math.min(endPosition, size));
    }

    private final class HeaderIterator implements Iterator<BatchHeader> {
        private final ByteBuffer buf = ByteBuffer.allocate(RecordBatchFormat.HEADER_SIZE);
        private final int end;
        private int pos;
        private BatchHeader next;

        HeaderIterator(int start, int end) {
            this.pos = start;
            this.end = end;
        }

        @Override
        public boolean hasNext() {
            if (next == null && end - pos >= RecordBatchFormat.HEADER_SIZE) {
                buf.clear();
                try {
                    readFully(buf, pos);
                } catch (IOException e) {
                    throw new SegmentReadException("cannot read " + file + " at " + pos, e);
                }
                BatchHeader h = BatchHeader.read(buf, 0, pos);
                if (h.sizeInBytes() >= RecordBatchFormat.HEADER_SIZE && pos + (long) h.sizeInBytes() <= end) {
                    next = h;
                    pos += h.sizeInBytes();
                }
            }
            return next != null;
        }

        @Override
        public BatchHeader next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BatchHeader h = next;
            next = null;
            return h;
        }
    }

    /** An I/O failure while iterating; the log turns it into a storage error. */
    public static final class SegmentReadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SegmentReadException(String message, IOException cause) {
            super(message, cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
