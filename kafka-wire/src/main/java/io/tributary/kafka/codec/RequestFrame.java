package io.tributary.kafka.codec;

import io.netty.buffer.ByteBuf;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * One decoded request: its header, its body as kafka-clients' request class, and the frame it was
 * read from. Record sets in the body (Produce) are views of that frame, so the frame stays retained
 * until the request has been handled: {@link #release()} once, when its response is ready.
 *
 * @param responseVersion the version to answer in (0 for an ApiVersions request of a version this
 *     broker does not know, as Kafka brokers do)
 */
public record RequestFrame(RequestHeader header, AbstractRequest request, short responseVersion, ByteBuf frame) {

    public ApiKeys apiKey() {
        return header.apiKey();
    }

    public int correlationId() {
        return header.correlationId();
    }

    /** The version of the response header to the request. */
    public short responseHeaderVersion() {
        return header.apiKey().responseHeaderVersion(responseVersion);
    }

    /** A response frame for {@code body} that answers this request. */
    public ResponseFrame respond(org.apache.kafka.common.protocol.ApiMessage body) {
        return new ResponseFrame(correlationId(), responseHeaderVersion(), responseVersion, body);
    }

    /** A short description for logs: API, version, correlation id, client. */
    public String describe() {
        return header.apiKey() + " v" + header.apiVersion() + " (correlation id " + correlationId() + ", client " + header.clientId() + ")";
    }

    public void release() {
        frame.release();
    }
}
