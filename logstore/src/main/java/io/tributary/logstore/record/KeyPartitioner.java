package io.tributary.logstore.record;

import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's default partitioner gives a keyed record: {@code toPositive(murmur2(key)) %
 * partitions}. AMQP publishes into super streams use it, so a key lands in the same partition
 * whichever protocol sent it.
 */
public final class KeyPartitioner {
    private KeyPartitioner() {
    }

    public static int partition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }
}
