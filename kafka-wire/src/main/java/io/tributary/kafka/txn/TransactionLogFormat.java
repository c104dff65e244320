package io.tributary.kafka.txn;

import io.tributary.logstore.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The records of {@code __transaction_state} (a compacted topic: the last record per key wins). The
 * key is the transactional id; the value its state, or null (a tombstone) once the id is expired.
 *
 * <pre>
 * key:   version int16 (0) | transactional id: length int16, UTF-8 bytes
 * value: version int16 (0) | producer id int64 | producer epoch int16 | timeout ms int32 | state int8 (TxnState ordinal)
 *        | start ms int64 | last update ms int64 | partition count int32
 *        | per partition: topic length int16, topic UTF-8 bytes, partition int32
 * </pre>
 */
public final class TransactionLogFormat {
    public static final short KEY_VERSION = 0;
    public static final short VALUE_VERSION = 0;

    private TransactionLogFormat() {
    }

    public static byte[] key(String transactionalId) {
        byte[] id = transactionalId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + id.length).putShort(KEY_VERSION).putShort((short) id.length).put(id).array();
    }

    /** The transactional id of a key, or null when the key's version is unknown (the record is skipped). */
    public static String transactionalId(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        if (b.getShort() != KEY_VERSION) {
            return null;
        }
        return string(b);
    }

    public static byte[] value(TransactionSnapshot s) {
        int size = 2 + 8 + 2 + 4 + 1 + 8 + 8 + 4;
        for (TopicPartition tp : s.partitions()) {
            size += 2 + tp.topic().getBytes(StandardCharsets.UTF_8).length + 4;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putShort(VALUE_VERSION).putLong(s.producerId()).putShort(s.producerEpoch())
                .putInt(s.timeoutMs()).put((byte) s.state().ordinal()).putLong(s.startMs()).putLong(s.lastUpdateMs())
                .putInt(s.partitions().size());
        for (TopicPartition tp : s.partitions()) {
            byte[] topic = tp.topic().getBytes(StandardCharsets.UTF_8);
            b.putShort((short) topic.length).put(topic).putInt(tp.partition());
        }
        return b.array();
    }

    /** The state in a value, or null when the value's version is unknown. */
    public static TransactionSnapshot snapshot(String transactionalId, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        if (b.getShort() != VALUE_VERSION) {
            return null;
        }
        long pid = b.getLong();
        short epoch = b.getShort();
        int timeout = b.getInt();
        TxnState state = TxnState.values()[b.get()];
        long start = b.getLong();
        long update = b.getLong();
        int n = b.getInt();
        Set<TopicPartition> partitions = new HashSet<>(n);
        for (int i = 0; i < n; i++) {
            String topic = string(b);
            partitions.add(new TopicPartition(topic, b.getInt()));
        }
        return new TransactionSnapshot(transactionalId, pid, epoch, timeout, state, Set.copyOf(partitions), start, update);
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
