package io.tributary.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes of Raft entries and metadata snapshots: round trips, and refusal of what this build cannot read. */
class MetadataFormatsTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandRoundTrips() {
        List<MetadataCommand> commands = List.of(new MetadataCommand.Put("topic", "orders", "{\"p\":3}"), new MetadataCommand.Delete("topic", "ä"),
                new MetadataCommand.PutIfAbsent("security.user", "guest", ""),
                new MetadataCommand.CompareAndPut("partition", "orders-0", "{\"leader\":0}", "{\"leader\":1}"),
                new MetadataCommand.CompareAndPut("partition", "orders-0", null, "{}"),
                new MetadataCommand.CompareAndPut("partition", "orders-0", "", "{}"),
                new MetadataCommand.Batch(List.of(new MetadataCommand.Put("a", "b", "c"), new MetadataCommand.Delete("a", "d"),
                        new MetadataCommand.CompareAndPut("a", "e", null, "f"))));
        for (MetadataCommand c : commands) {
            assertThat(MetadataCommandFormat.decode(MetadataCommandFormat.encode(c))).isEqualTo(c);
        }
    }

    @Test
    void theTagsOfEarlierBuildsStillDecode() {
        // Entries of builds before compare-and-put, byte for byte: version 1, op, then the fields.
        ByteBuffer put = bytes(1, 1, 0, 1, 'k', 0, 1, 'a', 0, 0, 0, 2, '{', '}');
        assertThat(MetadataCommandFormat.decode(put)).isEqualTo(new MetadataCommand.Put("k", "a", "{}"));
        ByteBuffer putIfAbsent = bytes(1, 3, 0, 1, 'k', 0, 1, 'a', 0, 0, 0, 0);
        assertThat(MetadataCommandFormat.decode(putIfAbsent)).isEqualTo(new MetadataCommand.PutIfAbsent("k", "a", ""));
        ByteBuffer batch = bytes(1, 4, 0, 0, 0, 1, 2, 0, 1, 'k', 0, 1, 'a');
        assertThat(MetadataCommandFormat.decode(batch)).isEqualTo(new MetadataCommand.Batch(List.of(new MetadataCommand.Delete("k", "a"))));
    }

    @Test
    void aCompareAndPutsNullExpectationIsAFlagAndABadFlagIsRefused() {
        ByteBuffer absent = MetadataCommandFormat.encode(new MetadataCommand.CompareAndPut("k", "a", null, "v"));
        assertThat(absent.get(1)).isEqualTo(MetadataCommandFormat.OP_COMPARE_AND_PUT);
        assertThat(absent.get(8)).as("the presence flag after kind and key").isZero();
        ByteBuffer badFlag = ByteBuffer.allocate(absent.remaining()).put(absent.duplicate()).put(8, (byte) 7).flip();
        assertThatThrownBy(() -> MetadataCommandFormat.decode(badFlag)).isInstanceOf(IllegalStateException.class).hasMessageContaining("flag");
    }

    @Test
    void unknownVersionsOpsAndTruncatedEntriesAreRefused() {
        ByteBuffer good = MetadataCommandFormat.encode(new MetadataCommand.Put("topic", "orders", "{}"));
        ByteBuffer newer = ByteBuffer.allocate(good.remaining()).put(good.duplicate()).put(0, (byte) 2).flip();
        assertThatThrownBy(() -> MetadataCommandFormat.decode(newer)).isInstanceOf(IllegalStateException.class).hasMessageContaining("version");
        ByteBuffer unknownOp = ByteBuffer.allocate(good.remaining()).put(good.duplicate()).put(1, (byte) 99).flip();
        assertThatThrownBy(() -> MetadataCommandFormat.decode(unknownOp)).isInstanceOf(IllegalStateException.class).hasMessageContaining("op");
        ByteBuffer cut = good.duplicate().limit(good.limit() - 1);
        assertThatThrownBy(() -> MetadataCommandFormat.decode(cut)).isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
    }

    private static ByteBuffer bytes(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.flip();
    }

    @Test
    void anEntryOverTheLimitIsRefusedBeforeItReachesRaft() {
        String big = "x".repeat(MetadataCommandFormat.MAX_ENTRY_BYTES);
        assertThatThrownBy(() -> MetadataCommandFormat.encode(new MetadataCommand.Put("k", "v", big))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotsRoundTripAndACorruptedOneIsRefused() throws IOException {
        Map<String, Map<String, String>> records = new TreeMap<>(Map.of("topic", new TreeMap<>(Map.of("orders", "{}", "audit", "{\"p\":1}")),
                "amqp.queue", new TreeMap<>(Map.of("/|jobs", "{}"))));
        Path file = dir.resolve("snapshot.3_42");
        MetadataSnapshotFormat.write(file, 3, 42, records);
        MetadataSnapshotFormat.Snapshot s = MetadataSnapshotFormat.read(file);
        assertThat(s.term()).isEqualTo(3);
        assertThat(s.index()).isEqualTo(42);
        assertThat(s.records()).isEqualTo(records);

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> MetadataSnapshotFormat.read(file)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }
}
