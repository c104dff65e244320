package io.tributary.queues.store;

import static io.tributary.queues.testing.QueueFixture.msg;
import static io.tributary.queues.testing.QueueFixture.persistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.queues.GetResult;
import io.tributary.queues.Queue;
import io.tributary.queues.testing.QueueFixture;
import io.tributary.queues.testing.Window;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a durable queue's journal keeps across clean restarts and crashes, and what it drops. */
class QueueDurabilityTest {
    private QueueFixture fx;

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static List<String> drain(Queue q) {
        List<String> out = new ArrayList<>();
        GetResult r;
        while ((r = q.get(false).join()).entry() != null) {
            out.add(QueueFixture.text(r.message()));
        }
        return out;
    }

    @Test
    void persistentMessagesSurviveACrashInOrderAndTransientOnesDoNot() throws Exception {
        fx = new QueueFixture();
        Queue q = fx.declare("orders", true, null);
        for (int i = 0; i < 10; i++) {
            q.accept(i % 3 == 0 ? msg("t" + i) : persistent("p" + i)).join();
        }
        fx.crash();
        assertThat(drain(fx.queue("orders"))).containsExactly("p1", "p2", "p4", "p5", "p7", "p8");
    }

    @Test
    void theConfirmOfAPersistentMessageWaitsForTheFsync() throws Exception {
        fx = new QueueFixture();
        Queue q = fx.declare("orders", true, null);
        CompletableFuture<Void> confirm = q.accept(persistent("p"));
        assertThat(q.accept(msg("t"))).isDone();
        await().until(confirm::isDone);
        assertThat(confirm).isCompleted();
        Queue transientQueue = fx.declare("scratch", false, null);
        assertThat(transientQueue.accept(persistent("p"))).isDone();
    }

    @Test
    void ackedMessagesStayGoneAndDeliveredOnesComeBackRedelivered() throws Exception {
        fx = new QueueFixture();
        Queue q = fx.declare("orders", true, null);
        for (int i = 0; i < 6; i++) {
            q.accept(persistent("p" + i)).join();
        }
        Window w = new Window(3, true);
        q.consume(w, false).join();
        assertThat(w.bodies()).containsExactly("p0", "p1", "p2");
        q.ack(List.of(w.entries.get(1)));
        q.stats().join();
        fx.crash();
        Window after = new Window(10, true);
        fx.queue("orders").consume(after, false).join();
        assertThat(after.bodies()).containsExactly("p0", "p2", "p3", "p4", "p5");
        assertThat(after.redelivered).containsExactly(true, true, false, false, false);
    }

    @Test
    void aCleanRestartKeepsEverythingUnsettled() throws Exception {
        fx = new QueueFixture();
        Queue q = fx.declare("orders", true, null);
        for (int i = 0; i < 100; i++) {
            q.accept(persistent("p" + i));
        }
        GetResult first = q.get(true).join();
        q.ack(List.of(first.entry()));
        fx.restart();
        List<String> left = drain(fx.queue("orders"));
        assertThat(left).hasSize(99).startsWith("p1", "p2").endsWith("p99");
    }

    @Test
    void aTornTailIsCutAndEverythingBeforeItRecovered() throws Exception {
        fx = new QueueFixture();
        Queue q = fx.declare("orders", true, null);
        for (int i = 0; i < 5; i++) {
            q.accept(persistent("p" + i)).join();
        }
        fx.restart();
        Path seg = onlySegment(queueDir("orders"));
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3);
        }
        fx.crash();
        assertThat(drain(fx.queue("orders"))).containsExactly("p0", "p1", "p2", "p3");
    }

    @Test
    void aCorruptRecordEndsTheValidPrefix() throws Exception {
        fx = new QueueFixture();
        Queue q = fx.declare("orders", true, null);
        for (int i = 0; i < 5; i++) {
            q.accept(persistent("p" + i)).join();
        }
        fx.restart();
        Path seg = onlySegment(queueDir("orders"));
        int recordSize = (int) (Files.size(seg) - QueueStoreFormat.FILE_HEADER_SIZE) / 5;
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'X'}), QueueStoreFormat.FILE_HEADER_SIZE + 2L * recordSize + recordSize - 1);
        }
        fx.crash();
        assertThat(drain(fx.queue("orders"))).containsExactly("p0", "p1");
        fx.queue("orders").accept(persistent("after")).join();
        fx.crash();
        // what was cut stays gone and the new record follows the valid prefix; the two taken before
        // the crash may come again (their removal need not have reached the page cache: at least once)
        List<String> again = drain(fx.queue("orders"));
        assertThat(again).endsWith("after").doesNotContain("p2", "p3", "p4").containsOnlyOnce("after");
        assertThat(again.subList(0, again.size() - 1)).isSubsetOf("p0", "p1");
    }

    @Test
    void aBacklogLargerThanTheWindowIsReadBackFromDiskInOrder() throws Exception {
        fx = new QueueFixture(new StoreSettings(64 * 1024, 16, 1024));
        Queue q = fx.declare("backlog", true, null);
        for (int i = 0; i < 2_000; i++) {
            q.accept(i % 2 == 0 ? persistent("p" + i) : msg("t" + i));
        }
        Window w = new Window(Integer.MAX_VALUE, false);
        q.consume(w, false).join();
        assertThat(w.bodies()).hasSize(2_000);
        for (int i = 0; i < 2_000; i++) {
            assertThat(w.bodies().get(i)).isEqualTo((i % 2 == 0 ? "p" : "t") + i);
        }
    }

    @Test
    void fullySettledSegmentsAreDeleted() throws Exception {
        fx = new QueueFixture(new StoreSettings(64 * 1024, 16, 1024));
        Queue q = fx.declare("churn", true, null);
        String body = "x".repeat(1000);
        for (int i = 0; i < 500; i++) {
            q.accept(persistent(body + i));
        }
        Path dir = queueDir("churn");
        assertThat(segments(dir)).hasSizeGreaterThan(5);
        assertThat(drain(q)).hasSize(500);
        await().untilAsserted(() -> assertThat(segments(dir)).hasSize(1));
        fx.crash();
        assertThat(drain(fx.queue("churn"))).isEmpty();
    }

    @Test
    void purgeOfABacklogOnDiskIsDurable() throws Exception {
        fx = new QueueFixture(new StoreSettings(64 * 1024, 16, 1024));
        Queue q = fx.declare("purged", true, null);
        for (int i = 0; i < 1_000; i++) {
            q.accept(persistent("p" + i));
        }
        GetResult held = q.get(true).join();
        assertThat(q.purge().join()).isEqualTo(999);
        q.accept(persistent("after")).join();
        fx.crash();
        assertThat(drain(fx.queue("purged"))).containsExactly("p0", "after");
        assertThat(held.entry()).isNotNull();
    }

    @Test
    void priorityLevelsAreKeptApartAcrossRestarts() throws Exception {
        fx = new QueueFixture();
        Queue q = fx.declare("prio", true, Map.of("x-max-priority", 5));
        q.accept(msg("low-1", "persistent;priority=1;"));
        q.accept(msg("none", "persistent;"));
        q.accept(msg("high-1", "persistent;priority=5;"));
        q.accept(msg("over", "persistent;priority=9;"));
        q.accept(msg("low-2", "persistent;priority=1;")).join();
        fx.crash();
        assertThat(drain(fx.queue("prio"))).containsExactly("high-1", "over", "low-1", "low-2", "none");
    }

    /** The directory of the queue's current incarnation. */
    private Path queueDir(String name) throws IOException {
        try (Stream<Path> dirs = Files.list(fx.dir.resolve("%2F"))) {
            List<Path> found = dirs.filter(d -> d.getFileName().toString().startsWith(name + "~")).sorted().toList();
            assertThat(found).isNotEmpty();
            return found.get(found.size() - 1);
        }
    }

    private static Path onlySegment(Path dir) throws IOException {
        List<Path> s = segments(dir);
        assertThat(s).hasSize(1);
        return s.get(0);
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("msgs.")).sorted().toList();
        }
    }
}
