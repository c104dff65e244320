package io.tributary.kafka.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Turns one size-stripped frame into a {@link RequestFrame}: the request header, then the body
 * through kafka-clients' generated classes (read straight from the frame: record sets stay views of
 * it). An ApiVersions request of a version newer than ours is answered as version 0 (KIP-511), so a
 * newer client can learn what we speak; any other unreadable request throws
 * {@link UnreadableRequestException}, and the connection closes as a Kafka broker's would.
 */
public final class KafkaRequestDecoder extends MessageToMessageDecoder<ByteBuf> {
    public KafkaRequestDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(decode(frame));
    }

    /** Decodes {@code frame}; on success the result holds a retained reference to it. */
    static RequestFrame decode(ByteBuf frame) {
        if (frame.readableBytes() < 8) {
            throw new UnreadableRequestException("request of " + frame.readableBytes() + " bytes is shorter than a request header");
        }
        ByteBuffer buf = frame.nioBuffer();
        short apiKeyId = buf.getShort(buf.position());
        short version = buf.getShort(buf.position() + 2);
        if (!ApiKeys.hasId(apiKeyId)) {
            throw new UnreadableRequestException("unknown API key " + apiKeyId);
        }
        ApiKeys apiKey = ApiKeys.forId(apiKeyId);
        if (!apiKey.hasValidVersion()) {
            throw new UnreadableRequestException("API " + apiKey + " (key " + apiKeyId + ") has been removed from the protocol");
        }
        RequestHeader header = parseHeader(buf, apiKey, version);
        if (apiKey == ApiKeys.API_VERSIONS && !apiKey.isVersionSupported(version)) {
            ApiVersionsRequest v0 = new ApiVersionsRequest(new ApiVersionsRequestData(), (short) 0, version);
            return new RequestFrame(header, v0, (short) 0, frame.retain());
        }
        if (!apiKey.isVersionSupported(version)) {
            throw new UnreadableRequestException(apiKey + " version " + version + " is not supported (supported: "
                    + apiKey.oldestVersion() + " to " + apiKey.latestVersion() + ")");
        }
        AbstractRequest request;
        try {
            request = AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(buf)).request;
        } catch (RuntimeException e) {
            throw new UnreadableRequestException("malformed " + apiKey + " v" + version + " request: " + e.getMessage(), e);
        }
        return new RequestFrame(header, request, version, frame.retain());
    }

    private static RequestHeader parseHeader(ByteBuffer buf, ApiKeys apiKey, short version) {
        try {
            return RequestHeader.parse(buf);
        } catch (RuntimeException e) {
            throw new UnreadableRequestException("malformed request header of " + apiKey + " v" + version + ": " + e.getMessage(), e);
        }
    }
}
