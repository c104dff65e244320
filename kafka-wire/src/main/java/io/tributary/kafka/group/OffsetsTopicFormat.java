package io.tributary.kafka.group;

import io.tributary.kafka.group.offsets.CommittedOffset;
import io.tributary.logstore.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of {@code __consumer_offsets}: keys and values laid out as Apache Kafka lays them
 * out ({@code OffsetCommitKey}, {@code GroupMetadataKey}/{@code Value}, {@code OffsetCommitValue},
 * {@code ConsumerGroupMetadataKey}/{@code Value}), so the topic reads like a Kafka broker's. Every
 * key and value starts with an int16 version that says which layout follows.
 *
 * <pre>
 * key                                      value (absent = tombstone: the key was deleted)
 * +------+-------------------------------+ +------------------------------------------------------------+
 * | v=1  | group  topic  int32 partition | | v=3  int64 offset | int32 leaderEpoch | metadata | int64 commitTs |
 * |      |  (an offset commit)           | | v=1  int64 offset | metadata | int64 commitTs | int64 expireTs    |
 * +------+-------------------------------+ +------------------------------------------------------------+
 * | v=2  | group (a classic group)       | | v=3  protocolType | int32 generation | protocol? | leader?      |
 * |      |                               | |      int64 stateTs | int32 n | n x member                      |
 * |      |                               | | member: memberId | instanceId? | clientId | clientHost          |
 * |      |                               | |      int32 rebalanceTimeout | int32 sessionTimeout             |
 * |      |                               | |      bytes subscription | bytes assignment                    |
 * +------+-------------------------------+ +------------------------------------------------------------+
 * | v=3  | group (a consumer group)      | | v=0  int32 epoch | uvarint 0 (no tagged fields)             |
 * +------+-------------------------------+ +------------------------------------------------------------+
 * string: int16 length + UTF-8 (x? = nullable, length -1); bytes: int32 length + bytes; big-endian.
 * </pre>
 *
 * Offsets committed with an explicit retention (OffsetCommit v2–v4) use value v1, which carries the
 * expiry; all others v3. Reading accepts offset values v0–v3 and group values v0–v3, which older
 * Kafka brokers wrote.
 */
public final class OffsetsTopicFormat {
    public static final short OFFSET_KEY_V0 = 0;
    public static final short OFFSET_KEY = 1;
    public static final short CLASSIC_GROUP_KEY = 2;
    public static final short CONSUMER_GROUP_KEY = 3;
    static final short OFFSET_VALUE = 3;
    static final short OFFSET_VALUE_WITH_EXPIRY = 1;
    static final short CLASSIC_GROUP_VALUE = 3;
    static final short CONSUMER_GROUP_VALUE = 0;

    private OffsetsTopicFormat() {
    }

    /** Thrown for bytes that are no record of this topic (an unknown version, or cut short). */
    public static final class UnreadableRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableRecordException(String message) {
            super(message);
        }
    }

    // ---- writing ----

    public static RawRecord encode(StoredRecord record) {
        if (record instanceof StoredRecord.Offset o) {
            return new RawRecord(offsetKey(o.groupId(), o.partition()), o.offset() == null ? null : offsetValue(o.offset()));
        }
        if (record instanceof StoredRecord.ClassicGroup g) {
            return new RawRecord(groupKey(CLASSIC_GROUP_KEY, g.groupId()), g.snapshot() == null ? null : classicGroupValue(g.snapshot()));
        }
        StoredRecord.ConsumerGroup c = (StoredRecord.ConsumerGroup) record;
        return new RawRecord(groupKey(CONSUMER_GROUP_KEY, c.groupId()), c.epoch() < 0 ? null : consumerGroupValue(c.epoch()));
    }

    private static byte[] offsetKey(String group, TopicPartition tp) {
        Writer w = new Writer();
        w.int16(OFFSET_KEY).string(group).string(tp.topic()).int32(tp.partition());
        return w.bytes();
    }

    private static byte[] groupKey(short version, String group) {
        Writer w = new Writer();
        w.int16(version).string(group);
        return w.bytes();
    }

    private static byte[] offsetValue(CommittedOffset o) {
        Writer w = new Writer();
        if (o.expireTimestampMs() >= 0) {
            w.int16(OFFSET_VALUE_WITH_EXPIRY).int64(o.offset()).string(o.metadata()).int64(o.commitTimestampMs()).int64(o.expireTimestampMs());
        } else {
            w.int16(OFFSET_VALUE).int64(o.offset()).int32(o.leaderEpoch()).string(o.metadata()).int64(o.commitTimestampMs());
        }
        return w.bytes();
    }

    private static byte[] classicGroupValue(ClassicGroupSnapshot g) {
        Writer w = new Writer();
        w.int16(CLASSIC_GROUP_VALUE).string(g.protocolType()).int32(g.generation()).string(g.protocol()).string(g.leader())
                .int64(g.stateTimestampMs()).int32(g.members().size());
        for (ClassicGroupSnapshot.Member m : g.members()) {
            w.string(m.memberId()).string(m.groupInstanceId()).string(m.clientId()).string(m.clientHost()).int32(m.rebalanceTimeoutMs())
                    .int32(m.sessionTimeoutMs()).bytes(m.subscription()).bytes(m.assignment());
        }
        return w.bytes();
    }

    private static byte[] consumerGroupValue(int epoch) {
        Writer w = new Writer();
        w.int16(CONSUMER_GROUP_VALUE).int32(epoch);
        w.out.add((byte) 0);
        return w.bytes();
    }

    // ---- reading ----

    /**
     * The record a key and value stand for.
     *
     * @param value null for a tombstone
     * @throws UnreadableRecordException for bytes of an unknown layout
     */
    public static StoredRecord decode(ByteBuffer key, ByteBuffer value) {
        try {
            short version = key.getShort();
            String group = readString(key);
            switch (version) {
                case OFFSET_KEY_V0:
                case OFFSET_KEY:
                    TopicPartition tp = new TopicPartition(readString(key), key.getInt());
                    return new StoredRecord.Offset(group, tp, value == null ? null : readOffsetValue(value));
                case CLASSIC_GROUP_KEY:
                    return new StoredRecord.ClassicGroup(group, value == null ? null : readClassicGroupValue(value));
                case CONSUMER_GROUP_KEY:
                    return new StoredRecord.ConsumerGroup(group, value == null ? -1 : readConsumerGroupValue(value));
                default:
                    throw new UnreadableRecordException("unknown key version " + version);
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new UnreadableRecordException("record cut short or malformed: " + e);
        }
    }

    private static CommittedOffset readOffsetValue(ByteBuffer b) {
        short version = b.getShort();
        long offset = b.getLong();
        switch (version) {
            case 0:
            case 2:
                return new CommittedOffset(offset, -1, readString(b), b.getLong(), -1);
            case OFFSET_VALUE_WITH_EXPIRY:
                return new CommittedOffset(offset, -1, readString(b), b.getLong(), b.getLong());
            case OFFSET_VALUE:
                int epoch = b.getInt();
                return new CommittedOffset(offset, epoch, readString(b), b.getLong(), -1);
            default:
                throw new UnreadableRecordException("unknown offset value version " + version);
        }
    }

    private static ClassicGroupSnapshot readClassicGroupValue(ByteBuffer b) {
        short version = b.getShort();
        if (version < 0 || version > CLASSIC_GROUP_VALUE) {
            throw new UnreadableRecordException("unknown group value version " + version);
        }
        String protocolType = readString(b);
        int generation = b.getInt();
        String protocol = readString(b);
        String leader = readString(b);
        long stateTs = version >= 2 ? b.getLong() : -1;
        int n = b.getInt();
        List<ClassicGroupSnapshot.Member> members = new ArrayList<>(Math.max(0, n));
        for (int i = 0; i < n; i++) {
            String memberId = readString(b);
            String instanceId = version >= 3 ? readString(b) : null;
            String clientId = readString(b);
            String clientHost = readString(b);
            int rebalanceTimeout = version >= 1 ? b.getInt() : -1;
            int sessionTimeout = b.getInt();
            if (rebalanceTimeout < 0) {
                rebalanceTimeout = sessionTimeout;
            }
            members.add(new ClassicGroupSnapshot.Member(memberId, instanceId, clientId, clientHost, rebalanceTimeout, sessionTimeout,
                    readBytes(b), readBytes(b)));
        }
        return new ClassicGroupSnapshot(protocolType, generation, protocol, leader, stateTs, members);
    }

    private static int readConsumerGroupValue(ByteBuffer b) {
        short version = b.getShort();
        if (version != CONSUMER_GROUP_VALUE) {
            throw new UnreadableRecordException("unknown consumer group value version " + version);
        }
        return b.getInt();
    }

    private static String readString(ByteBuffer b) {
        short len = b.getShort();
        if (len < 0) {
            return null;
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0) {
            return new byte[0];
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return bytes;
    }

    /** Big-endian fields into a growing array. */
    private static final class Writer {
        private final ByteList out = new ByteList();

        Writer int16(int v) {
            out.add((byte) (v >> 8));
            out.add((byte) v);
            return this;
        }

        Writer int32(int v) {
            int16(v >> 16);
            return int16(v);
        }

        Writer int64(long v) {
            int32((int) (v >> 32));
            return int32((int) v);
        }

        Writer string(String s) {
            if (s == null) {
                return int16(-1);
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("string of " + b.length + " bytes is too long for the offsets topic");
            }
            int16(b.length);
            out.addAll(b);
            return this;
        }

        Writer bytes(byte[] b) {
            byte[] v = b == null ? new byte[0] : b;
            int32(v.length);
            out.addAll(v);
            return this;
        }

        byte[] bytes() {
            return out.toArray();
        }
    }

    private static final class ByteList {
        private byte[] data = new byte[64];
        private int size;

        void add(byte b) {
            ensure(1);
            data[size++] = b;
        }

        void addAll(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, data, size, b.length);
            size += b.length;
        }

        private void ensure(int n) {
            if (size + n > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + n));
            }
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
