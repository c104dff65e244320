package io.tributary.logstore.segment;

import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.LogSlice;
import io.tributary.logstore.record.RecordBatchFormat;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.RejectedExecutionException;

/**
 * A segment's {@code .log} file: record batches back to back. Appends are positional writes at
 * the current size (page cache only; {@link #flush()} makes them durable), so concurrent readers'
 * positional reads are never disturbed.
 *
 * <p>With a {@link WriteBufferPool}, appends are first copied into a direct buffer of the pool's
 * size and written when it is full, in one write that ends on a page boundary: many small batches
 * cost one system call and whole pages of page cache, as {@code dd} writes. A batch that fills a
 * whole chunk while the buffer is empty has that chunk written from its own buffer, uncopied; only
 * its unaligned rest is buffered. The buffered tail (bytes
 * from {@link #writtenSize()} to {@link #size()}) is written out before anything reads it
 * ({@link #readFully}, {@link #slice}, the header iterator), before {@link #flush()} fsyncs, and
 * before truncation and close. The buffer is guarded by this object's monitor, held for the copy and
 * the write, never for an fsync. {@link #channel()} holds only the written bytes.
 *
 * <p>When the pool has {@link ChunkWriters} threads, a full buffer is handed to this file's writer
 * thread instead of being written by the appending thread (at most {@link #MAX_IN_FLIGHT} per file;
 * an append that fills one more waits for the oldest). Everything that needs the bytes in the file —
 * reads of the tail, fsync, truncation, close, a write that bypasses the buffer — first waits for
 * the chunks in flight, so the file is still written front to back and {@link #writtenSize()} is
 * always a prefix of it.
 */
public final class LogFile {
    /** Full buffers handed to the writer thread and not yet written, per file. */
    static final int MAX_IN_FLIGHT = 2;

    private volatile Path file;
    private final FileChannel channel;
    private final WriteBufferPool buffers;
    private final ChunkWriters writers;
    /** Bytes appended: written plus in flight plus buffered. */
    private volatile int size;
    /** Bytes in the file (the page cache); the chunks in flight and the buffer hold the rest. */
    private volatile int written;
    /** Bytes written or handed to the writer thread: {@code written} plus the chunks in flight. */
    private int queued;
    /** Chunks handed to the writer thread and not yet written. */
    private int inFlight;
    /** Bytes {@code [written, size)}; null when none are buffered and the buffer went back to the pool. */
    private ByteBuffer pending;
    /** A failed write of the buffer: its bytes are lost, so the file takes no more writes. */
    private volatile IOException writeFailure;

    private LogFile(Path file, FileChannel channel, int size, WriteBufferPool buffers) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.written = size;
        this.queued = size;
        this.buffers = buffers;
        this.writers = buffers.writers();
    }

    /** Opens (creating when absent) the file for reading and appending, each append one write. */
    public static LogFile open(Path file) throws IOException {
        return open(file, WriteBufferPool.NONE);
    }

    /** Opens (creating when absent) the file for reading and appending, gathering appends in a buffer of {@code buffers}. */
    public static LogFile open(Path file, WriteBufferPool buffers) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long length = ch.size();
        if (length > Integer.MAX_VALUE) {
            ch.close();
            throw new IOException("segment file " + file + " is larger than 2 GiB");
        }
        return new LogFile(file, ch, (int) length, buffers);
    }

    public Path file() {
        return file;
    }

    /**
     * Shared with readers' slices: never closed while the segment may be read. Holds the bytes below
     * {@link #writtenSize()}; {@link #slice} writes the buffered tail out first when it is asked for.
     */
    public FileChannel channel() {
        return channel;
    }

    /** Bytes appended, buffered ones included. */
    public int size() {
        return size;
    }

    /** Bytes already written to the file. */
    public int writtenSize() {
        return written;
    }

    /** Writes all of {@code buf}'s remaining bytes at the end of the file (the buffer is not moved). */
    public int append(ByteBuffer buf) throws IOException {
        ByteBuffer view = buf.duplicate();
        int n = view.remaining();
        if (!buffers.enabled()) {
            writeFully(view, size);
            size += n;
            written = size;
            return n;
        }
        synchronized (this) {
            while (view.hasRemaining()) {
                if (pending == null) {
                    pending = buffers.take();
                    if (pending == null) { // every buffer is in use: this append goes to the file at once
                        awaitInFlightLocked();
                        writeDirectLocked(view);
                        break;
                    }
                }
                // the chunk ends on a page boundary, so that after one short write (a flush) all are aligned again
                int chunkEnd = pending.capacity() - (queued & (WriteBufferPool.PAGE_SIZE - 1));
                if (pending.position() == 0 && view.remaining() >= chunkEnd) {
                    // a whole chunk of one large batch: written from the caller's buffer, not copied first
                    awaitInFlightLocked();
                    writeChunkDirectLocked(view, chunkEnd);
                    continue;
                }
                int k = Math.min(chunkEnd - pending.position(), view.remaining());
                int limit = view.limit();
                view.limit(view.position() + k);
                pending.put(view);
                view.limit(limit);
                if (pending.position() == chunkEnd) {
                    handOverPendingLocked();
                }
            }
            size += n;
        }
        return n;
    }

    /** A slice of {@code length} bytes at {@code position} of the file, its bytes written out first if buffered. */
    public LogSlice slice(int position, int length) throws IOException {
        ensureWritten(position + length);
        return LogSlice.of(channel, position, length);
    }

    /** Writes the buffered bytes out when any of them lie below {@code end}. */
    private void ensureWritten(long end) throws IOException {
        if (end > written) {
            synchronized (this) {
                if (end > written) {
                    writePendingLocked();
                }
            }
        }
    }

    /**
     * Writes the buffered bytes to the file (no fsync) and gives the buffer back to the pool: for a
     * segment that stops taking appends, or before its bytes are fsynced.
     */
    public void writeOut() throws IOException {
        synchronized (this) {
            writePendingLocked();
            if (pending != null) {
                buffers.give(pending);
                pending = null;
            }
        }
    }

    /** Writes the buffered bytes on this thread, after the chunks in flight. */
    private void writePendingLocked() throws IOException {
        awaitInFlightLocked();
        if (pending == null || pending.position() == 0) {
            return;
        }
        pending.flip();
        int n = pending.remaining();
        try {
            writeFully(pending, written);
        } catch (IOException e) {
            writeFailure = e;
            throw e;
        } finally {
            pending.clear();
        }
        written += n;
        queued = written;
    }

    /** A full buffer: to the writer thread when there is one (waiting while {@link #MAX_IN_FLIGHT} are out), else written here. */
    private void handOverPendingLocked() throws IOException {
        if (!writers.enabled()) {
            writePendingLocked();
            return;
        }
        boolean interrupted = false;
        while (inFlight >= MAX_IN_FLIGHT && writeFailure == null) {
            interrupted |= waitLocked();
        }
        restoreInterrupt(interrupted);
        checkWriteFailure();
        if (pending == null || pending.position() == 0) { // while this thread waited, a read or flush wrote the buffer out
            return;
        }
        ByteBuffer chunk = pending.flip();
        pending = null;
        int position = queued;
        queued += chunk.remaining();
        inFlight++;
        try {
            writers.submit(this, () -> writeInBackground(chunk, position));
        } catch (RejectedExecutionException e) { // the writers were stopped (the log manager is closing): write it here
            writeInBackground(chunk, position);
            checkWriteFailure();
        }
    }

    /** On the writer thread: writes a chunk handed over, then lets the waiting threads see it. */
    private void writeInBackground(ByteBuffer chunk, int position) {
        int n = chunk.remaining();
        IOException failure = null;
        if (writeFailure == null) { // after a failure the bytes before this chunk are missing: never write past them
            try {
                writeFully(chunk, position);
            } catch (IOException e) {
                failure = e;
            }
        }
        synchronized (this) {
            if (failure != null && writeFailure == null) {
                writeFailure = failure;
            }
            if (writeFailure == null) {
                written = position + n;
            }
            inFlight--;
            buffers.give(chunk);
            notifyAll();
        }
    }

    /** Waits until the writer thread wrote every chunk handed over; fails if one of them failed. */
    private void awaitInFlightLocked() throws IOException {
        boolean interrupted = false;
        while (inFlight > 0) {
            interrupted |= waitLocked();
        }
        restoreInterrupt(interrupted);
        checkWriteFailure();
    }

    /**
     * Waits on this monitor, uninterruptibly: the wait ends when the writer thread finishes a chunk,
     * and an interrupt must not turn into an I/O failure that poisons the log. True if interrupted.
     */
    private boolean waitLocked() {
        try {
            wait();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static void restoreInterrupt(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkWriteFailure() throws IOException {
        if (writeFailure != null) {
            throw new IOException("an earlier write to " + file + " failed", writeFailure);
        }
    }

    /** Writes the next {@code length} bytes of {@code src} (nothing is buffered) and moves past them. */
    private void writeChunkDirectLocked(ByteBuffer src, int length) throws IOException {
        int limit = src.limit();
        src.limit(src.position() + length);
        try {
            writeDirectLocked(src);
        } finally {
            src.limit(limit);
        }
    }

    private void writeDirectLocked(ByteBuffer src) throws IOException {
        checkWriteFailure();
        int n = src.remaining();
        writeFully(src, written);
        written += n;
        queued = written;
    }

    private void writeFully(ByteBuffer src, long position) throws IOException {
        long pos = position;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    /** Reads exactly {@code dst.remaining()} bytes at {@code position}. */
    public void readFully(ByteBuffer dst, long position) throws IOException {
        ensureWritten(position + dst.remaining());
        long p = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, p);
            if (n < 0) {
                throw new EOFException("end of " + file + " at " + p);
            }
            p += n;
        }
    }

    /** fdatasync: the appended bytes (buffered ones written out first) and the file's size are durable afterwards. */
    public void flush() throws IOException {
        writeOut();
        channel.force(false);
    }

    /** Cuts the file to {@code newSize} bytes; returns the bytes removed. */
    public int truncateTo(int newSize) throws IOException {
        writeOut();
        int old = size;
        if (newSize < 0 || newSize > old) {
            throw new IllegalArgumentException("cannot truncate " + file + " of " + old + " bytes to " + newSize);
        }
        if (newSize < channel.size()) {
            channel.truncate(newSize);
        }
        size = newSize;
        synchronized (this) {
            written = newSize;
            queued = newSize;
        }
        return old - newSize;
    }

    public void renameTo(Path target) throws IOException {
        FileOps.atomicMove(file, target);
        file = target;
    }

    /** Writes the buffered bytes out (no fsync) and closes the file. */
    public void close() throws IOException {
        try {
            writeOut();
        } finally {
            channel.close();
        }
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
