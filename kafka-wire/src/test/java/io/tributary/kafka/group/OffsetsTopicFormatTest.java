package io.tributary.kafka.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.kafka.group.offsets.CommittedOffset;
import io.tributary.logstore.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records of __consumer_offsets: written in Kafka's layouts, read back as written, tombstones included. */
class OffsetsTopicFormatTest {
    private static StoredRecord roundTrip(StoredRecord r) {
        RawRecord raw = OffsetsTopicFormat.encode(r);
        return OffsetsTopicFormat.decode(ByteBuffer.wrap(raw.key()), raw.value() == null ? null : ByteBuffer.wrap(raw.value()));
    }

    @Test
    void offsetCommitsRoundTripWithAndWithoutTheirOwnExpiry() {
        TopicPartition tp = new TopicPartition("orders", 7);
        StoredRecord.Offset plain = new StoredRecord.Offset("g", tp, new CommittedOffset(123, 4, "meta", 1000, -1));
        assertThat(roundTrip(plain)).isEqualTo(plain);
        StoredRecord.Offset expiring = new StoredRecord.Offset("g", tp, new CommittedOffset(123, -1, "", 1000, 5000));
        assertThat(roundTrip(expiring)).isEqualTo(expiring);
        assertThat(roundTrip(new StoredRecord.Offset("g", tp, null))).isEqualTo(new StoredRecord.Offset("g", tp, null));
    }

    @Test
    void theOffsetKeyIsKafkasVersionOneLayout() {
        RawRecord raw = OffsetsTopicFormat.encode(new StoredRecord.Offset("ab", new TopicPartition("t", 2), new CommittedOffset(9, -1, "", 0, -1)));
        ByteBuffer k = ByteBuffer.allocate(2 + 2 + 2 + 2 + 1 + 4);
        k.putShort((short) 1).putShort((short) 2).put("ab".getBytes(StandardCharsets.UTF_8)).putShort((short) 1).put((byte) 't').putInt(2);
        assertThat(raw.key()).isEqualTo(k.array());
        ByteBuffer v = ByteBuffer.wrap(raw.value());
        assertThat(v.getShort()).isEqualTo((short) 3);
        assertThat(v.getLong()).isEqualTo(9);
        assertThat(v.getInt()).isEqualTo(-1);
    }

    @Test
    void classicGroupsRoundTripWithTheirMembers() {
        ClassicGroupSnapshot s = new ClassicGroupSnapshot("consumer", 5, "range", "m1", 77, List.of(
                new ClassicGroupSnapshot.Member("m1", null, "c1", "/1.2.3.4", 300_000, 45_000, new byte[] {1, 2}, new byte[] {3}),
                new ClassicGroupSnapshot.Member("m2", "static-2", "c2", "/1.2.3.5", 300_000, 45_000, new byte[0], new byte[0])));
        StoredRecord.ClassicGroup back = (StoredRecord.ClassicGroup) roundTrip(new StoredRecord.ClassicGroup("g", s));
        assertThat(back.snapshot().generation()).isEqualTo(5);
        assertThat(back.snapshot().protocol()).isEqualTo("range");
        assertThat(back.snapshot().leader()).isEqualTo("m1");
        assertThat(back.snapshot().stateTimestampMs()).isEqualTo(77);
        assertThat(back.snapshot().members()).hasSize(2);
        assertThat(back.snapshot().members().get(0).subscription()).containsExactly(1, 2);
        assertThat(back.snapshot().members().get(1).groupInstanceId()).isEqualTo("static-2");
        assertThat(roundTrip(new StoredRecord.ClassicGroup("g", null))).isEqualTo(new StoredRecord.ClassicGroup("g", null));
    }

    @Test
    void consumerGroupEpochsRoundTripAndUnknownVersionsAreRefused() {
        assertThat(roundTrip(new StoredRecord.ConsumerGroup("g", 12))).isEqualTo(new StoredRecord.ConsumerGroup("g", 12));
        assertThat(roundTrip(new StoredRecord.ConsumerGroup("g", -1))).isEqualTo(new StoredRecord.ConsumerGroup("g", -1));
        ByteBuffer key = ByteBuffer.allocate(5).putShort((short) 9).putShort((short) 1).put((byte) 'g');
        key.flip();
        assertThatThrownBy(() -> OffsetsTopicFormat.decode(key, null)).isInstanceOf(OffsetsTopicFormat.UnreadableRecordException.class);
        ByteBuffer cut = ByteBuffer.allocate(3).putShort((short) 1).put((byte) 0);
        cut.flip();
        assertThatThrownBy(() -> OffsetsTopicFormat.decode(cut, null)).isInstanceOf(OffsetsTopicFormat.UnreadableRecordException.class);
    }
}
