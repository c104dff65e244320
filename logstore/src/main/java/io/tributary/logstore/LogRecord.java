package io.tributary.logstore;

import java.util.List;

/**
 * One record of a partition log, decoded: what the bridges between the log and the routing core
 * read and write. Kafka consumers see the same record through Fetch.
 *
 * @param offset its offset (ignored when appending)
 * @param key null when the record has none
 * @param value null for a tombstone
 */
public record LogRecord(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
    /** A record header. */
    public record Header(String key, byte[] value) {
    }
}
