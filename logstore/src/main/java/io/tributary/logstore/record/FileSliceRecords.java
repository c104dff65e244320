package io.tributary.logstore.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.utils.AbstractIterator;

/**
 * kafka-clients' view of a {@link LogSlice}: a {@link Records} whose transfer goes straight from
 * the segment's channel to the destination, and which has no {@code close()}, so no reader can
 * close the log's channel (kafka's own {@code FileRecords} would).
 */
final class FileSliceRecords extends AbstractRecords {
    private final FileChannel channel;
    private final long start;
    private final int size;

    FileSliceRecords(FileChannel channel, long start, int size) {
        this.channel = channel;
        this.start = start;
        this.size = size;
    }

    @Override
    public int sizeInBytes() {
        return size;
    }

    @Override
    public int writeTo(TransferableChannel destChannel, int offset, int length) throws IOException {
        int count = Math.min(length, size - offset);
        return count <= 0 ? 0 : (int) destChannel.transferFrom(channel, start + offset, count);
    }

    @Override
    public Iterable<MutableRecordBatch> batches() {
        return this::batchIterator;
    }

    /** Reads one batch at a time into the heap; a trailing partial batch is not returned. */
    @Override
    public AbstractIterator<MutableRecordBatch> batchIterator() {
        return new AbstractIterator<>() {
            private long pos = start;

            @Override
            protected MutableRecordBatch makeNext() {
                long end = start + size;
                if (end - pos < RecordBatchFormat.LOG_OVERHEAD) {
                    return allDone();
                }
                try {
                    ByteBuffer header = read(pos, RecordBatchFormat.LOG_OVERHEAD);
                    int batchSize = header.getInt(RecordBatchFormat.LENGTH_OFFSET) + RecordBatchFormat.LOG_OVERHEAD;
                    if (batchSize < RecordBatchFormat.HEADER_SIZE || pos + batchSize > end) {
                        return allDone();
                    }
                    ByteBuffer batch = read(pos, batchSize);
                    pos += batchSize;
                    return MemoryRecords.readableRecords(batch).batches().iterator().next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long p = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, p);
            if (n < 0) {
                throw new IOException("end of file at " + p);
            }
            p += n;
        }
        return buf.flip();
    }

    @Override
    public Records slice(int position, int size) {
        if (position < 0 || size < 0 || position > this.size) {
            throw new IllegalArgumentException("slice [" + position + ", +" + size + ") outside [0, " + this.size + ")");
        }
        return new FileSliceRecords(channel, start + position, Math.min(size, this.size - position));
    }

    @Override
    public String toString() {
        return "FileSliceRecords(start=" + start + ", size=" + size + ")";
    }
}
