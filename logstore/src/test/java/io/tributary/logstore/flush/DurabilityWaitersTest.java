package io.tributary.logstore.flush;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DurabilityWaitersTest {
    private final DurabilityWaiters waiters = new DurabilityWaiters();

    @Test
    void waitersCompleteOnceTheFlushedOffsetPassesTheirEnd() {
        CompletableFuture<Void> a = waiters.add(10);
        CompletableFuture<Void> b = waiters.add(20);
        waiters.completeUpTo(15);
        assertThat(a).isCompleted();
        assertThat(b).isNotDone();
        waiters.completeUpTo(20);
        assertThat(b).isCompleted();
        assertThat(waiters.size()).isZero();
    }

    @Test
    void truncationFailsEveryWaiterAboveItEvenBehindARetriedDuplicate() {
        CompletableFuture<Void> kept = waiters.add(100);
        CompletableFuture<Void> truncated = waiters.add(200);
        CompletableFuture<Void> duplicate = waiters.add(150); // a retry answered with its original, earlier end
        waiters.failAbove(160, new IllegalStateException("truncated"));
        assertThat(truncated).isCompletedExceptionally();
        assertThat(kept).isNotDone();
        assertThat(duplicate).isNotDone();
        waiters.completeUpTo(160);
        assertThat(kept).isCompleted();
        assertThat(duplicate).isCompleted();
    }

    @Test
    void aWaiterAddedAfterALaterOneCompletesByItsOwnOffset() {
        CompletableFuture<Void> later = waiters.add(20);
        CompletableFuture<Void> earlier = waiters.add(10); // a racing acks=all caller, or a retried duplicate
        waiters.completeUpTo(12);
        assertThat(earlier).isCompleted();
        assertThat(later).isNotDone();
        assertThat(waiters.size()).isOne();
    }

    @Test
    void afterFailAllNewWaitersFailAtOnce() {
        CompletableFuture<Void> before = waiters.add(5);
        waiters.failAll(new IllegalStateException("closed"));
        assertThat(before).isCompletedExceptionally();
        assertThat(waiters.add(6)).isCompletedExceptionally();
    }
}
