package io.tributary.server.testing.history;

/** One record of the log as a final full read from the start found it. */
public record LogRecord(int partition, long offset, String value) {
}
