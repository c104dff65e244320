package io.tributary.kafka.handler.throttle;

import io.tributary.kafka.PublishAlarm;
import io.tributary.kafka.handler.CloseConnectionException;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.handler.RequestHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ProduceRequest;

/**
 * While the resource alarm is raised (disk or memory low), a Produce request is not handled but
 * held, and handled once the alarm clears, its response carrying the time held as
 * {@code throttle_time_ms}. Held requests count against the connection's in-flight limit, so a
 * producing connection soon stops being read: the producer is blocked, as AMQP publishers are, and
 * consumers (Fetch) go on. A connection closed meanwhile gets nothing appended.
 */
public final class ProduceThrottle {
    private ProduceThrottle() {
    }

    public static void install(RequestDispatcher d, PublishAlarm alarm) {
        d.<ProduceRequest>decorate(ApiKeys.PRODUCE, next -> held(next, alarm));
    }

    static RequestHandler<ProduceRequest> held(RequestHandler<ProduceRequest> next, PublishAlarm alarm) {
        return (context, request) -> {
            if (!alarm.raised()) {
                return next.handle(context, request);
            }
            long start = System.nanoTime();
            CompletableFuture<Void> cleared = new CompletableFuture<>();
            alarm.whenCleared(() -> cleared.complete(null));
            return cleared.thenComposeAsync(v -> {
                if (!context.connection().isOpen()) {
                    throw new CloseConnectionException("connection closed while its Produce was held by the resource alarm");
                }
                return next.handle(context, request).thenApply(r -> {
                    if (r instanceof ProduceResponseData p) {
                        p.setThrottleTimeMs((int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
                    }
                    return r;
                });
            }, context.connection().eventLoop());
        };
    }
}
