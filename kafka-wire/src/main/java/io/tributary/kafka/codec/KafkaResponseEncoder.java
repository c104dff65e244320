package io.tributary.kafka.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Encodes a {@link ResponseFrame}: the 4-byte size, the response header and the body, through the
 * generated classes. Record sets read from the log leave as file regions between the buffers
 * (sendfile), or, on a TLS connection, as chunked reads of the file that {@code ChunkedWriteHandler}
 * turns into buffers for the {@code SslHandler}.
 */
@ChannelHandler.Sharable
public final class KafkaResponseEncoder extends MessageToMessageEncoder<ResponseFrame> {
    public KafkaResponseEncoder() {
        super(ResponseFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ResponseFrame response, List<Object> out) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(response.correlationId());
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        header.addSize(size, cache, response.headerVersion());
        response.body().addSize(size, cache, response.version());
        int total = size.totalSize();
        boolean zeroCopy = ctx.pipeline().get(SslHandler.class) == null;
        ByteBufWritable writer = new ByteBufWritable(ctx.alloc(), out, 4 + size.sizeExcludingZeroCopy(), zeroCopy);
        try {
            writer.writeInt(total);
            header.write(writer, cache, response.headerVersion());
            response.body().write(writer, cache, response.version());
            writer.finish();
        } catch (RuntimeException e) {
            writer.discard();
            throw e;
        }
    }
}
