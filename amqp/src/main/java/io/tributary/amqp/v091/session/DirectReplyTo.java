package io.tributary.amqp.v091.session;

import io.tributary.exchanges.message.Message;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Direct reply-to ({@code amq.rabbitmq.reply-to}): an RPC client consumes from the pseudo-queue
 * with no-ack; requests it publishes get a reply-to of {@code amq.rabbitmq.reply-to.<key>}; a reply
 * published to that name on the default exchange goes straight to the client's channel, with no
 * queue in between. This registry maps keys to the channels that wait for replies. Thread-safe.
 */
public final class DirectReplyTo {
    public static final String PSEUDO_QUEUE = "amq.rabbitmq.reply-to";
    public static final String PREFIX = PSEUDO_QUEUE + ".";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A channel's reply consumer; {@link #deliverReply} may be called from any thread. */
    public interface ReplyTarget {
        void deliverReply(Message reply);
    }

    private final Map<String, ReplyTarget> targets = new ConcurrentHashMap<>();

    /** Registers a reply consumer; returns the reply-to address requests will carry. */
    public String register(ReplyTarget target) {
        byte[] key = new byte[18];
        RANDOM.nextBytes(key);
        String address = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        targets.put(address, target);
        return address;
    }

    public void unregister(String address) {
        targets.remove(address);
    }

    /** The consumer behind a reply address, or null when it is gone. */
    public ReplyTarget lookup(String address) {
        return targets.get(address);
    }
}
