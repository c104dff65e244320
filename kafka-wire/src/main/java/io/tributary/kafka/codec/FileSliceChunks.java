package io.tributary.kafka.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A slice of a segment file read in chunks, for connections where bytes must pass through the
 * pipeline (TLS: {@code SslHandler} encrypts buffers, so sendfile is impossible); written by
 * {@code ChunkedWriteHandler} as the socket drains, so a large Fetch never sits in memory whole.
 * Positional reads: the channel belongs to the log segment and is shared, so it is never closed here.
 */
final class FileSliceChunks implements ChunkedInput<ByteBuf> {
    static final int CHUNK = 64 * 1024;

    private final FileChannel channel;
    private final long start;
    private final long end;
    private long position;

    FileSliceChunks(FileChannel channel, long position, long count) {
        this.channel = channel;
        this.start = position;
        this.end = position + count;
        this.position = position;
    }

    @Override
    public boolean isEndOfInput() {
        return position >= end;
    }

    @Override
    public void close() {
        // the segment owns the channel
    }

    @Override
    @Deprecated
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        if (isEndOfInput()) {
            return null;
        }
        int n = (int) Math.min(CHUNK, end - position);
        ByteBuf buf = allocator.ioBuffer(n);
        boolean ok = false;
        try {
            while (buf.writerIndex() < n) {
                int read = buf.writeBytes(channel, position + buf.writerIndex(), n - buf.writerIndex());
                if (read < 0) {
                    throw new IOException("segment file ended " + (end - position - buf.writerIndex()) + " bytes early");
                }
            }
            position += n;
            ok = true;
            return buf;
        } finally {
            if (!ok) {
                buf.release();
            }
        }
    }

    @Override
    public long length() {
        return end - start;
    }

    @Override
    public long progress() {
        return position - start;
    }
}
