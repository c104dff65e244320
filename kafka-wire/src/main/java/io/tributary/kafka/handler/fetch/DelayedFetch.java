package io.tributary.kafka.handler.fetch;

import io.tributary.kafka.ClientConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.message.FetchResponseData;

/**
 * A Fetch waiting for {@code min.bytes} of new data, for at most {@code max.wait.ms}. A high-water
 * mark advance on a watched partition schedules a reread (coalesced: while one reread is queued or
 * running, further wake-ups only ask for one more); the timer answers with whatever is there. The
 * first of the two to finish completes the response; the other does nothing.
 */
final class DelayedFetch {
    private final ResolvedFetch fetch;
    private final FetchReader reader;
    private final ClientConnection connection;
    private final FetchPurgatory purgatory;
    private final List<io.tributary.logstore.TopicPartition> watched;
    private final CompletableFuture<FetchResponseData> result = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean rereadQueued = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    DelayedFetch(ResolvedFetch fetch, FetchReader reader, ClientConnection connection, FetchPurgatory purgatory) {
        this.fetch = fetch;
        this.reader = reader;
        this.connection = connection;
        this.purgatory = purgatory;
        this.watched = fetch.readablePartitions();
    }

    /** Starts waiting after {@code firstRead} fell short; returns the eventual response. */
    CompletableFuture<FetchResponseData> start(FetchRead firstRead, long maxWaitMs) {
        purgatory.watch(this, watched);
        timer = connection.eventLoop().schedule(this::expire, maxWaitMs, TimeUnit.MILLISECONDS);
        if (advancedSince(firstRead)) {
            wake();
        }
        return result;
    }

    /** New data may be visible on a watched partition (any thread; cheap). */
    void wake() {
        if (!done.get() && rereadQueued.compareAndSet(false, true)) {
            connection.storage().execute(this::reread);
        }
    }

    /** The wait is over: answer with what there is (any thread). */
    void expire() {
        if (!done.get()) {
            connection.storage().execute(this::readAndFinish);
        }
    }

    private void readAndFinish() {
        try {
            finishWith(reader.read(fetch));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void reread() {
        rereadQueued.set(false);
        if (done.get()) {
            return;
        }
        try {
            FetchRead read = reader.read(fetch);
            if (read.satisfies(fetch)) {
                finishWith(read);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(RuntimeException e) {
        if (done.compareAndSet(false, true)) {
            cleanUp();
            result.completeExceptionally(e);
        }
    }

    private void finishWith(FetchRead read) {
        if (done.compareAndSet(false, true)) {
            cleanUp();
            result.complete(read.response());
        }
    }

    private void cleanUp() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        purgatory.unwatch(this, watched);
    }

    /** True when a watched log's visible end moved past where the first read saw it (a wake-up may have been missed). */
    private boolean advancedSince(FetchRead read) {
        List<FetchTarget> targets = fetch.targets();
        for (int i = 0; i < targets.size(); i++) {
            FetchTarget t = targets.get(i);
            if (t.log() != null && FetchReader.bound(t.log(), fetch.isolation()) > read.boundsRead()[i]) {
                return true;
            }
        }
        return false;
    }
}
