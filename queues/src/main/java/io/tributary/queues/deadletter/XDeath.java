package io.tributary.queues.deadletter;

import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ's dead-letter headers (as {@code rabbit_dead_letter} writes them in 3.10):
 *
 * <ul>
 *   <li>{@code x-death}: an array of tables, most recent first, one per (queue, reason), each with
 *       {@code count} (long), {@code reason}, {@code queue}, {@code time} (timestamp, seconds),
 *       {@code exchange} and {@code routing-keys} (array) of the message when it died there, and
 *       {@code original-expiration} when it had an {@code expiration}. A message that dies again
 *       in the same queue for the same reason increments that table's count and moves it first.
 *   <li>{@code x-first-death-reason}, {@code x-first-death-queue}, {@code x-first-death-exchange}:
 *       set once, at the first death.
 * </ul>
 *
 * The dead-lettered copy loses its {@code expiration} (it would otherwise expire again at once),
 * is published to the dead-letter exchange with the dead-letter routing key, or its own routing key
 * when there is none; with a dead-letter routing key, its {@code CC} header goes.
 */
public final class XDeath {
    public static final String X_DEATH = "x-death";

    private XDeath() {
    }

    /** The copy of {@code m} to publish to {@code dlx}. */
    public static Message deadLettered(Message m, Reason reason, String queue, String dlx, String dlrk, long nowMillis) {
        MessageProperties p = m.properties();
        Map<String, Object> headers = p.headers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p.headers());
        List<Object> routingKeys = new ArrayList<>();
        routingKeys.add(m.routingKey());
        if (headers.get("CC") instanceof List<?> cc) {
            routingKeys.addAll(cc);
        }
        Object existing = headers.get(X_DEATH);
        if (!(existing instanceof List<?>)) {
            headers.put("x-first-death-reason", reason.text());
            headers.put("x-first-death-queue", queue);
            headers.put("x-first-death-exchange", m.exchange());
        }
        List<Object> deaths = new ArrayList<>();
        Map<String, Object> match = null;
        if (existing instanceof List<?> old) {
            for (Object d : old) {
                if (match == null && d instanceof Map<?, ?> t && queue.equals(String.valueOf(t.get("queue")))
                        && reason.text().equals(String.valueOf(t.get("reason")))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> table = new LinkedHashMap<>((Map<String, Object>) t);
                    Object count = table.get("count");
                    table.put("count", (count instanceof Number n ? n.longValue() : 0L) + 1);
                    match = table;
                } else {
                    deaths.add(d);
                }
            }
        }
        if (match == null) {
            match = new LinkedHashMap<>();
            match.put("count", 1L);
            match.put("reason", reason.text());
            match.put("queue", queue);
            match.put("time", new Date(nowMillis / 1000 * 1000));
            match.put("exchange", m.exchange());
            match.put("routing-keys", routingKeys);
            if (p.expiration() != null) {
                match.put("original-expiration", p.expiration());
            }
        }
        deaths.add(0, match);
        headers.put(X_DEATH, deaths);
        if (dlrk != null) {
            headers.remove("CC");
        }
        MessageProperties dead = p.withHeaders(headers).withExpiration(null);
        return m.republished(dead, dlx, dlrk != null ? dlrk : m.routingKey());
    }

    /**
     * RabbitMQ's cycle rule: dead-lettering {@code m} (already carrying its newest death) into
     * {@code targetQueue} is a cycle when that queue is in its {@code x-death} and no death since
     * (including that one) was a rejection: such a message would circle for ever without any client
     * acting on it, so it is dropped for that queue.
     */
    public static boolean isCycle(Message m, String targetQueue) {
        Map<String, Object> headers = m.properties().headers();
        Object deaths = headers == null ? null : headers.get(X_DEATH);
        if (!(deaths instanceof List<?> list)) {
            return false;
        }
        int upTo = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> t && targetQueue.equals(String.valueOf(t.get("queue")))) {
                upTo = i;
                break;
            }
        }
        if (upTo < 0) {
            return false;
        }
        for (int i = 0; i <= upTo; i++) {
            if (!(list.get(i) instanceof Map<?, ?> t) || Reason.REJECTED.text().equals(String.valueOf(t.get("reason")))) {
                return false;
            }
        }
        return true;
    }
}
