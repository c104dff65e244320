package io.tributary.config;

import java.util.List;

/** The management API and web console: how often rates and depths are sampled, and how many samples are kept. */
public final class ManagementSettings {
    public static final Setting<Long> SAMPLE_INTERVAL_MS = Setting.ofLong("management.sample.interval.ms", 5_000L, 100L, 3_600_000L,
            "How often message rates and queue depths are sampled for the management API and console (RabbitMQ's"
                    + " collect_statistics_interval).");
    public static final Setting<Integer> SAMPLES = Setting.ofInt("management.samples", 120, 2, 10_000,
            "Samples kept per resource (rates are computed over the newest two; charts show them all).");

    private ManagementSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(SAMPLE_INTERVAL_MS, SAMPLES);
    }
}
