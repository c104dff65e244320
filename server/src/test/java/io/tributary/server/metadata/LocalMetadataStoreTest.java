package io.tributary.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMetadataStoreTest {
    @TempDir
    Path dir;

    @Test
    void putsAndDeletesSurviveReopening() throws Exception {
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            s.put("topic", "orders", "{\"partitions\":3}").join();
            s.put("topic", "audit", "{\"partitions\":1}").join();
            s.put("queue", "/|jobs", "{\"durable\":true}").join();
            s.put("topic", "orders", "{\"partitions\":6}").join();
            s.delete("topic", "audit").join();
            s.delete("topic", "never-existed").join();
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"partitions\":6}"));
        }
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"partitions\":6}"));
            assertThat(s.list("queue")).containsOnlyKeys("/|jobs");
            assertThat(s.list("nothing")).isEmpty();
        }
    }

    @Test
    void listenersHearEachChangeOnceInOrder() throws Exception {
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            ListenerContract.check(s);
        }
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            assertThat(s.putIfAbsent("topic", "orders", "{}").join()).isFalse();
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"p\":59}"));
        }
    }

    @Test
    void compareAndPutKeepsTheContractAndSurvivesReopening() throws IOException {
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            CompareAndPutContract.check(s);
        }
        String last;
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            last = CompareAndPutContract.checkAfterRestart(s);
        }
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            assertThat(s.get(CompareAndPutContract.KIND, CompareAndPutContract.KEY)).isEqualTo(last);
            assertThat(s.list("other")).containsOnlyKeys(CompareAndPutContract.KEY);
        }
    }

    @Test
    void tornTailFromACrashIsTruncatedAndEarlierRecordsKept() throws Exception {
        Path file = dir.resolve(LocalMetadataStore.LOG_FILE);
        for (int cutBytes = 1; cutBytes <= 12; cutBytes++) {
            try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
                s.delete("topic", "c").join();
                s.put("topic", "a", "{}").join();
                s.put("topic", "b", "{\"x\":1}").join();
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(raf.length() - cutBytes);
            }
            try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
                assertThat(s.list("topic")).as("after cutting %d bytes", cutBytes).containsOnlyKeys("a");
                s.put("topic", "c", "{}").join();
            }
            try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
                assertThat(s.list("topic")).containsOnlyKeys("a", "c");
            }
        }
    }

    @Test
    void corruptedRecordEndsTheValidPrefix() throws IOException {
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            s.put("k", "1", "one").join();
            s.put("k", "2", "two").join();
        }
        Path file = dir.resolve(LocalMetadataStore.LOG_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 0x55;
        Files.write(file, bytes);
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            assertThat(s.list("k")).containsOnlyKeys("1");
        }
    }

    @Test
    void compactionKeepsOnlyLiveRecords() throws IOException {
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            for (int i = 0; i < 3_000; i++) {
                s.put("k", Integer.toString(i % 10), "v" + i);
            }
            s.put("k", "last", "v").join();
        }
        assertThat(Files.size(dir.resolve(LocalMetadataStore.LOG_FILE))).isLessThan(40_000);
        try (LocalMetadataStore s = LocalMetadataStore.open(dir)) {
            assertThat(s.list("k")).hasSize(11).containsEntry("9", "v2999");
        }
    }
}
