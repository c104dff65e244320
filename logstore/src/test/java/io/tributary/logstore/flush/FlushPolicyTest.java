package io.tributary.logstore.flush;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlushPolicyTest {
    private static final long NOW = 5_000_000_000L;
    private static final long UNSET = Long.MAX_VALUE;

    @Test
    void groupCommitFlushesAsSoonAsThereIsSomething() {
        assertThat(FlushPolicy.nextFlushNanos(1, NOW, 1, UNSET, false, NOW)).isEqualTo(NOW);
        assertThat(FlushPolicy.nextFlushNanos(0, NOW, 1, UNSET, false, NOW)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aCountWaitsForTheCountOrFlushMs() {
        assertThat(FlushPolicy.nextFlushNanos(100, NOW, 100, 50, false, NOW)).isEqualTo(NOW);
        assertThat(FlushPolicy.nextFlushNanos(3, NOW, 100, 50, false, NOW)).isEqualTo(NOW + 50_000_000L);
    }

    @Test
    void aCountWithoutFlushMsStillFlushesWithinASecond() {
        // acknowledgements wait for the fsync, so a quiet partition must not wait for messages that never come
        assertThat(FlushPolicy.nextFlushNanos(3, NOW, 10_000, UNSET, false, NOW))
                .isEqualTo(NOW + FlushPolicy.UNBOUNDED_FLUSH_MS_CAP * 1_000_000L);
    }

    @Test
    void aForcedFlushIsNow() {
        assertThat(FlushPolicy.nextFlushNanos(0, NOW, 10_000, UNSET, true, NOW)).isEqualTo(NOW);
    }
}
