package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaFuture;

/** What an {@code Admin} call failed with, as its user sees it. */
final class AdminFailures {
    private AdminFailures() {
    }

    /** The exception {@code future} failed with (fails the test if it succeeds or times out). */
    static Throwable failure(KafkaFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(30, TimeUnit.SECONDS));
        assertThat(thrown).as("the call should fail").isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }
}
