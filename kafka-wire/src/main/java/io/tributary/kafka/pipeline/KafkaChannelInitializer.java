package io.tributary.kafka.pipeline;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.tributary.kafka.codec.KafkaRequestDecoder;
import io.tributary.kafka.codec.KafkaResponseEncoder;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of every Kafka connection, in a fixed order with named handlers:
 * {@code idle} (Kafka's {@code connections.max.idle.ms}) → {@code frame} (4-byte size prefix, at most
 * {@code kafka.max.request.bytes}) → {@code request} (header and body) → {@code response} (encoder)
 * → {@code connection} (dispatch, in-order responses, backpressure). On a TLS listener a
 * {@code chunked} handler comes first (after the listener's {@code tls}), for fetched file slices.
 */
@ChannelHandler.Sharable
public final class KafkaChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Requests a connection may have in flight before it stops reading; clients pipeline 5 by default. */
    public static final int MAX_IN_FLIGHT = 64;

    private final RequestProcessor processor;
    private final EventExecutorGroup storage;
    private final int maxRequestBytes;
    private final long idleMs;
    private final KafkaResponseEncoder encoder = new KafkaResponseEncoder();

    public KafkaChannelInitializer(RequestProcessor processor, EventExecutorGroup storage, int maxRequestBytes, long idleMs) {
        this.processor = processor;
        this.storage = storage;
        this.maxRequestBytes = maxRequestBytes;
        this.idleMs = idleMs;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (ch.pipeline().get(SslHandler.class) != null) {
            // TLS: fetched file slices are read in chunks (no sendfile through SslHandler)
            ch.pipeline().addLast("chunked", new ChunkedWriteHandler());
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, idleMs, TimeUnit.MILLISECONDS))
                .addLast("frame", new LengthFieldBasedFrameDecoder(maxRequestBytes + 4, 0, 4, 0, 4))
                .addLast("request", new KafkaRequestDecoder())
                .addLast("response", encoder)
                .addLast("connection", new KafkaConnection(processor, storage, MAX_IN_FLIGHT));
    }
}
