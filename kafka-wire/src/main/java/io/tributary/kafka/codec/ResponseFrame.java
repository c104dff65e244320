package io.tributary.kafka.codec;

import org.apache.kafka.common.protocol.ApiMessage;

/**
 * A response ready to encode: the correlation id of the request it answers, the response header
 * version and body version that request implies, and the body as a generated message.
 */
public record ResponseFrame(int correlationId, short headerVersion, short version, ApiMessage body) {
}
