package io.tributary.logstore.time;

/** A clock: wall time for timestamps and retention, monotonic time for intervals. */
public interface Time {
    /** The process-wide system clock. */
    Time SYSTEM = new SystemTime();

    /** Wall-clock milliseconds since the epoch (record timestamps, retention ages). */
    long milliseconds();

    /** Monotonic nanoseconds, for measuring intervals only. */
    long nanoseconds();
}
