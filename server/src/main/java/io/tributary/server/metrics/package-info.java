/**
 * The broker's meters: the Prometheus-backed registry {@code /metrics} scrapes ({@link
 * io.tributary.server.metrics.Metrics}), and the management statistics ({@link
 * io.tributary.server.metrics.ManagementStats}) that sample rates and depths into rings for the
 * API and the console's charts, and expose the same figures as meters ({@code StatsMeters}), and
 * consumer-group lag ({@link io.tributary.server.metrics.GroupLagMeters}). Each sampler has one
 * thread that writes; HTTP workers and scrapes read.
 */
package io.tributary.server.metrics;
