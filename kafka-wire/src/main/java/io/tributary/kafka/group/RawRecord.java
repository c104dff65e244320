package io.tributary.kafka.group;

/** A record's key and value bytes as they go into the log ({@code value} null = tombstone). */
public record RawRecord(byte[] key, byte[] value) {
}
