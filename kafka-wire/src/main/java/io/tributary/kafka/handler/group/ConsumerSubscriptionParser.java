package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.classic.SubscriptionParser;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;

/** The topics of a classic consumer's subscription metadata, decoded by kafka-clients' {@link ConsumerProtocol}. */
final class ConsumerSubscriptionParser implements SubscriptionParser {
    @Override
    public Set<String> topics(byte[] subscription) {
        if (subscription == null || subscription.length == 0) {
            return null;
        }
        try {
            return new HashSet<>(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(subscription)).topics());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
