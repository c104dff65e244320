package io.tributary.amqp.v091.session;

import io.tributary.amqp.v091.error.ChannelException;
import io.tributary.amqp.v091.error.ChannelReplyCode;
import io.tributary.exchanges.stream.StreamCursor;
import io.tributary.exchanges.stream.StreamMessage;
import io.tributary.exchanges.stream.StreamOffset;
import io.tributary.exchanges.stream.StreamSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code basic.consume} on a stream, as RabbitMQ stream consumers behave: it starts where
 * {@code x-stream-offset} says ({@code first}, {@code last}, {@code next}, an offset, a timestamp,
 * or an interval back from now such as {@code 30m}), needs acknowledgements and a prefetch, and is
 * paced by it: at most {@code prefetch} deliveries are unacknowledged. Acks only return credit:
 * nothing is removed from a stream, and a nack or reject does not redeliver.
 *
 * <p>With {@code x-stream-consumer-name} the consumer's position is stored under that name (after
 * acks, at most every second, and when it stops) and a later consumer of that name without
 * {@code x-stream-offset} resumes there.
 *
 * <p>Confined to the channel's event loop; reads run on the stream's reader threads.
 */
final class StreamConsumer {
    static final String OFFSET_ARG = "x-stream-offset";
    static final String NAME_ARG = "x-stream-consumer-name";
    private static final long STORE_INTERVAL_MS = 1000;

    private final Deliveries deliveries;
    private final StreamSource source;
    private final String tag;
    private final int prefetch;
    private final String name;
    private final StreamCursor[] cursors;
    private final long[] acked;
    private int next;
    private int inFlight;
    private boolean reading;
    private boolean cancelled;
    private long lastStoreMs;

    StreamConsumer(Deliveries deliveries, StreamSource source, String tag, int prefetch, Map<String, Object> args) {
        this.deliveries = deliveries;
        this.source = source;
        this.tag = tag;
        this.prefetch = prefetch;
        Object n = args.get(NAME_ARG);
        this.name = n == null ? null : n.toString();
        this.cursors = new StreamCursor[source.partitions()];
        this.acked = new long[cursors.length];
        Object offset = args.get(OFFSET_ARG);
        for (int p = 0; p < cursors.length; p++) {
            OptionalLong stored = name != null && offset == null ? source.storedOffset(name, p) : OptionalLong.empty();
            StreamOffset start = stored.isPresent() ? StreamOffset.offset(stored.getAsLong()) : parse(offset);
            cursors[p] = source.open(p, start);
            acked[p] = -1;
        }
    }

    String tag() {
        return tag;
    }

    String streamName() {
        return source.name();
    }

    int prefetch() {
        return prefetch;
    }

    /** What {@code x-stream-offset} asks for; {@code next} when absent. */
    static StreamOffset parse(Object v) {
        try {
            return StreamOffset.parse(v, System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, e.getMessage());
        }
    }

    /** Reads and delivers while there is credit (channel loop). */
    void pump() {
        if (reading || cancelled || inFlight >= prefetch || !deliveries.canDeliver()) {
            return;
        }
        reading = true;
        StreamCursor cursor = cursors[next];
        int partition = next;
        next = (next + 1) % cursors.length;
        cursor.readAsync(prefetch - inFlight).whenComplete((messages, failure) -> deliveries.connection().runOnLoop(() -> {
            reading = false;
            if (cancelled) {
                return;
            }
            if (failure != null) {
                deliveries.streamFailed(this, failure);
                return;
            }
            for (StreamMessage m : messages) {
                inFlight++;
                deliveries.deliverStream(this, m);
            }
            if (!messages.isEmpty() || cursors.length > 1 && partition != cursors.length - 1) {
                pump();
            } else {
                waitForData();
            }
        }));
    }

    private void waitForData() {
        for (StreamCursor c : cursors) {
            c.whenAvailable(() -> deliveries.connection().runOnLoop(this::pump));
        }
    }

    /** A delivery of this consumer was acknowledged (or nacked): credit returns; the position may be stored. */
    void settled(int partition, long offset) {
        inFlight--;
        if (offset > acked[partition]) {
            acked[partition] = offset;
        }
        long now = System.currentTimeMillis();
        if (name != null && now - lastStoreMs >= STORE_INTERVAL_MS) {
            lastStoreMs = now;
            store();
        }
        pump();
    }

    /**
     * Stops: no more deliveries; the position is stored when the consumer has a name.
     *
     * @return completes once that position is durable, so a consumer of the same name started after
     *     the cancel-ok resumes from it
     */
    CompletableFuture<Void> cancel() {
        if (cancelled) {
            return CompletableFuture.completedFuture(null);
        }
        cancelled = true;
        for (StreamCursor c : cursors) {
            c.close();
        }
        return name == null ? CompletableFuture.completedFuture(null) : store();
    }

    private CompletableFuture<Void> store() {
        List<CompletableFuture<Void>> writes = new java.util.ArrayList<>();
        for (int p = 0; p < cursors.length; p++) {
            if (acked[p] >= 0) {
                writes.add(source.storeOffset(name, p, acked[p] + 1));
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    List<StreamCursor> cursors() {
        return List.of(cursors);
    }
}
