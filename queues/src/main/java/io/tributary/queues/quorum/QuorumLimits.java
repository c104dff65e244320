package io.tributary.queues.quorum;

/**
 * A quorum queue's length limits, as RabbitMQ's quorum queues have them: {@code x-max-length}
 * ready messages and {@code x-max-length-bytes} of their bodies (-1: no limit); a full queue drops
 * its oldest ready messages (dead-lettered, reason {@code maxlen}: {@code x-overflow=drop-head},
 * the default) or refuses the new one ({@code reject-publish}: its publisher is nacked).
 */
public record QuorumLimits(long maxLength, long maxLengthBytes, boolean rejectPublish) {
    public static final QuorumLimits NONE = new QuorumLimits(-1, -1, false);

    boolean any() {
        return maxLength >= 0 || maxLengthBytes >= 0;
    }

    /** No room for one more message of {@code size} body bytes. */
    boolean full(long ready, long readyBytes, long size) {
        return maxLength >= 0 && ready >= maxLength || maxLengthBytes >= 0 && readyBytes + size > maxLengthBytes;
    }

    /** Holding more than the limits allow. */
    boolean over(long ready, long readyBytes) {
        return maxLength >= 0 && ready > maxLength || maxLengthBytes >= 0 && readyBytes > maxLengthBytes;
    }
}
