package io.tributary.kafka.codec;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A file region over a segment's channel, which the log owns and shares with every reader: releasing
 * the region must not close the channel, as {@link DefaultFileRegion} would. Being a
 * {@code DefaultFileRegion}, it is still sent with sendfile by the epoll transport.
 */
final class SharedFileRegion extends DefaultFileRegion {
    SharedFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    @Override
    protected void deallocate() {
        // The channel belongs to the log segment; it is closed when the segment is.
    }
}
