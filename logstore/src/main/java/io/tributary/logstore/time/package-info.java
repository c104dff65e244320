/**
 * Injected time and scheduling, so that roll, retention, flush and expiry decisions are
 * deterministic in tests ({@code MockTime} in the test sources advances a clock and runs due tasks).
 *
 * <p>Threading: {@link io.tributary.logstore.time.Time} is thread-safe. A
 * {@link io.tributary.logstore.time.Scheduler} runs its tasks on its own threads; tasks must not
 * block for long, since they share those threads.
 */
package io.tributary.logstore.time;
