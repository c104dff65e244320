package io.tributary.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CoalescedBarrierTest {
    private final List<CompletableFuture<Void>> started = new ArrayList<>();
    private final CoalescedBarrier barrier = new CoalescedBarrier(this::start, 60_000);

    private synchronized CompletableFuture<Void> start() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        started.add(f);
        return f;
    }

    private synchronized int startedCount() {
        return started.size();
    }

    private synchronized CompletableFuture<Void> started(int i) {
        return started.get(i);
    }

    @Test
    void callersWhileOneRunsShareTheNextWhichStartsAfterIt() {
        CompletableFuture<Void> first = barrier.request();
        CompletableFuture<Void> second = barrier.request();
        CompletableFuture<Void> third = barrier.request();
        assertThat(startedCount()).isEqualTo(1); // one at a time
        assertThat(second).isSameAs(third);
        started(0).complete(null);
        assertThat(first).isDone();
        // the running one may have begun before what the later callers wait for: they get a barrier of their own
        assertThat(second).isNotDone();
        assertThat(startedCount()).isEqualTo(2);
        started(1).complete(null);
        assertThat(second).isDone();
        assertThat(startedCount()).isEqualTo(2);
    }

    @Test
    void aFailedBarrierCompletesItsCallersNormally() {
        CompletableFuture<Void> f = barrier.request();
        started(0).completeExceptionally(new IllegalStateException("no leader"));
        assertThat(f).isCompleted();
        assertThat(f.isCompletedExceptionally()).isFalse();
    }

    @Test
    void aBarrierThatTakesTooLongGivesUp() {
        CoalescedBarrier slow = new CoalescedBarrier(CompletableFuture::new, 50);
        CompletableFuture<Void> f = slow.request();
        await().until(f::isDone);
        assertThat(f.isCompletedExceptionally()).isFalse();
    }
}
