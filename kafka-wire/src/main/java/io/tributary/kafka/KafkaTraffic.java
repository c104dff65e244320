package io.tributary.kafka;

import java.util.concurrent.atomic.LongAdder;

/**
 * What Kafka clients moved through this broker, for management rates and Prometheus: records and
 * bytes appended by Produce requests, and record bytes sent by Fetch responses. Monotonic; any
 * thread may read them.
 */
public final class KafkaTraffic {
    private final LongAdder producedRecords = new LongAdder();
    private final LongAdder producedBytes = new LongAdder();
    private final LongAdder fetchedBytes = new LongAdder();

    public void produced(long records, long bytes) {
        producedRecords.add(records);
        producedBytes.add(bytes);
    }

    public void fetched(long bytes) {
        fetchedBytes.add(bytes);
    }

    public long producedRecords() {
        return producedRecords.sum();
    }

    public long producedBytes() {
        return producedBytes.sum();
    }

    public long fetchedBytes() {
        return fetchedBytes.sum();
    }
}
