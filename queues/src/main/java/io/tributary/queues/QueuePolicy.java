package io.tributary.queues;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import java.util.Map;

/**
 * What a queue's {@code x-} arguments ask for, parsed once ({@link QueueArguments} has validated
 * them). Absent limits are -1.
 *
 * @param messageTtl {@code x-message-ttl}, ms
 * @param expires {@code x-expires}, ms the queue may stay unused before it is deleted
 * @param maxLength {@code x-max-length}, ready messages
 * @param maxLengthBytes {@code x-max-length-bytes}, body bytes of ready messages
 * @param deadLetterExchange {@code x-dead-letter-exchange}, or null
 * @param deadLetterRoutingKey {@code x-dead-letter-routing-key}, or null (keep the message's own)
 * @param maxPriority {@code x-max-priority}, 0 for a plain FIFO
 * @param deliveryLimit {@code x-delivery-limit}: returns after which a message is dead-lettered (quorum
 *     queues: 20 unless declared)
 */
public record QueuePolicy(long messageTtl, long expires, long maxLength, long maxLengthBytes, Overflow overflow,
                          String deadLetterExchange, String deadLetterRoutingKey, int maxPriority, long deliveryLimit,
                          boolean singleActiveConsumer) {
    /** What happens to a message that arrives at a full queue ({@code x-overflow}). */
    public enum Overflow {
        /** Drop (dead-letter, reason {@code maxlen}) the oldest ready messages to make room. */
        DROP_HEAD,
        /** Refuse the new message: its publisher is nacked. */
        REJECT_PUBLISH,
        /** Refuse it and dead-letter it (reason {@code maxlen}). */
        REJECT_PUBLISH_DLX
    }

    public static QueuePolicy of(QueueDefinition def) {
        Map<String, Object> a = def.arguments();
        Object o = a.get("x-overflow");
        Overflow overflow = "reject-publish".equals(o) ? Overflow.REJECT_PUBLISH
                : "reject-publish-dlx".equals(o) ? Overflow.REJECT_PUBLISH_DLX : Overflow.DROP_HEAD;
        Object sac = a.get("x-single-active-consumer");
        return new QueuePolicy(number(a, "x-message-ttl"), number(a, "x-expires"), number(a, "x-max-length"),
                number(a, "x-max-length-bytes"), overflow, string(a, "x-dead-letter-exchange"), string(a, "x-dead-letter-routing-key"),
                (int) Math.max(0, number(a, "x-max-priority")),
                QueueTypes.isQuorum(def) ? QuorumQueueRules.deliveryLimit(a) : number(a, "x-delivery-limit"), Boolean.TRUE.equals(sac));
    }

    private static long number(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v instanceof Number n ? n.longValue() : -1;
    }

    private static String string(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v == null ? null : v.toString();
    }

    /** When a message arriving at {@code now} expires: the earlier of the queue's and its own TTL. */
    public long expiresAt(MessageProperties p, long now) {
        long ttl = messageTtl;
        long own = p.expirationMillis();
        if (own >= 0 && (ttl < 0 || own < ttl)) {
            ttl = own;
        }
        return ttl < 0 ? Long.MAX_VALUE : saturatedAdd(now, ttl);
    }

    /** The priority level of a message: its priority capped to {@code x-max-priority}; 0 without one. */
    public int levelOf(Message m) {
        if (maxPriority == 0) {
            return 0;
        }
        Integer p = m.properties().priority();
        return p == null ? 0 : Math.min(Math.max(p, 0), maxPriority);
    }

    public boolean hasLengthLimit() {
        return maxLength >= 0 || maxLengthBytes >= 0;
    }

    public boolean rejectsWhenFull() {
        return hasLengthLimit() && overflow != Overflow.DROP_HEAD;
    }

    /** True when a queue holding {@code ready} messages of {@code readyBytes} has no room for {@code bodySize} more. */
    public boolean full(long ready, long readyBytes, int bodySize) {
        return (maxLength >= 0 && ready >= maxLength) || (maxLengthBytes >= 0 && readyBytes + bodySize > maxLengthBytes);
    }

    /** True when a queue holding {@code ready} messages of {@code readyBytes} is over its limits. */
    public boolean over(long ready, long readyBytes) {
        return (maxLength >= 0 && ready > maxLength) || (maxLengthBytes >= 0 && readyBytes > maxLengthBytes);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
