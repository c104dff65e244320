package io.tributary.kafka.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.kafka.producer.ProducerIdManager;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coordinator's state machine over an in-memory transaction log and marker writer. */
class TransactionCoordinatorTest {
    private static final TopicPartition A = new TopicPartition("a", 0);
    private static final TopicPartition B = new TopicPartition("b", 1);

    private final List<byte[][]> logRecords = new ArrayList<>();
    private final List<String> markers = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    private final List<TransactionCoordinator> coordinators = new ArrayList<>();

    private final TransactionStateLog log = new TransactionStateLog() {
        @Override
        public synchronized CompletableFuture<Void> append(byte[] key, byte[] value) {
            logRecords.add(new byte[][] {key, value});
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized void replay(BiConsumer<byte[], byte[]> sink) {
            logRecords.forEach(r -> sink.accept(r[0], r[1]));
        }
    };

    private final MarkerWriter writer = (pid, epoch, commit, partitions) -> {
        synchronized (markers) {
            partitions.stream().sorted().forEach(tp -> markers.add((commit ? "COMMIT " : "ABORT ") + pid + "/" + epoch + " " + tp));
        }
        return CompletableFuture.completedFuture(null);
    };

    private TransactionCoordinator start() throws Exception {
        TransactionCoordinator c = new TransactionCoordinator(log, writer, new ProducerIdManager(metadata),
                new TransactionCoordinator.Settings(900_000, 50, 7 * 24 * 3600_000L), now::get);
        coordinators.add(c);
        c.start().get(10, TimeUnit.SECONDS);
        return c;
    }

    @AfterEach
    void close() {
        coordinators.forEach(TransactionCoordinator::close);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTransactionCommitsWithMarkersOnEveryPartition() throws Exception {
        TransactionCoordinator c = start();
        TransactionCoordinator.InitResult init = get(c.initProducerId("tx", 60_000, -1, (short) -1));
        assertThat(init.error()).isEqualTo(TxnError.NONE);
        assertThat(get(c.addPartitions("tx", init.producerId(), init.producerEpoch(), List.of(A)))).isEqualTo(TxnError.NONE);
        assertThat(get(c.addPartitions("tx", init.producerId(), init.producerEpoch(), List.of(B)))).isEqualTo(TxnError.NONE);
        assertThat(get(c.endTransaction("tx", init.producerId(), init.producerEpoch(), true))).isEqualTo(TxnError.NONE);
        assertThat(markers).containsExactly("COMMIT " + init.producerId() + "/0 a-0", "COMMIT " + init.producerId() + "/0 b-1");
        assertThat(get(c.describe(List.of("tx"))).get("tx").orElseThrow().state()).isEqualTo(TxnState.COMPLETE_COMMIT);
        // A retried EndTxn with the same outcome succeeds; the opposite outcome is refused.
        assertThat(get(c.endTransaction("tx", init.producerId(), init.producerEpoch(), true))).isEqualTo(TxnError.NONE);
        assertThat(get(c.endTransaction("tx", init.producerId(), init.producerEpoch(), false))).isEqualTo(TxnError.INVALID_TXN_STATE);
    }

    @Test
    void aNewSessionFencesTheOldProducerAndAbortsItsOpenTransaction() throws Exception {
        TransactionCoordinator c = start();
        TransactionCoordinator.InitResult first = get(c.initProducerId("tx", 60_000, -1, (short) -1));
        get(c.addPartitions("tx", first.producerId(), first.producerEpoch(), List.of(A)));
        TransactionCoordinator.InitResult second = get(c.initProducerId("tx", 60_000, -1, (short) -1));
        assertThat(second.producerId()).isEqualTo(first.producerId());
        assertThat(second.producerEpoch()).isGreaterThan(first.producerEpoch());
        assertThat(markers).containsExactly("ABORT " + first.producerId() + "/1 a-0");
        assertThat(get(c.addPartitions("tx", first.producerId(), first.producerEpoch(), List.of(B)))).isEqualTo(TxnError.PRODUCER_FENCED);
        assertThat(get(c.endTransaction("tx", first.producerId(), first.producerEpoch(), true))).isEqualTo(TxnError.PRODUCER_FENCED);
    }

    @Test
    void anAbandonedTransactionIsAbortedAfterItsTimeout() throws Exception {
        TransactionCoordinator c = start();
        TransactionCoordinator.InitResult init = get(c.initProducerId("slow", 1_000, -1, (short) -1));
        get(c.addPartitions("slow", init.producerId(), init.producerEpoch(), List.of(A)));
        now.addAndGet(5_000);
        Awaitility.await().until(() -> get(c.describe(List.of("slow"))).get("slow").orElseThrow().state() == TxnState.COMPLETE_ABORT);
        assertThat(markers).containsExactly("ABORT " + init.producerId() + "/1 a-0");
        assertThat(get(c.endTransaction("slow", init.producerId(), init.producerEpoch(), true))).isEqualTo(TxnError.PRODUCER_FENCED);
    }

    @Test
    void aRestartResumesATransactionCaughtBetweenPrepareAndComplete() throws Exception {
        TransactionCoordinator c = start();
        TransactionCoordinator.InitResult init = get(c.initProducerId("tx", 60_000, -1, (short) -1));
        get(c.addPartitions("tx", init.producerId(), init.producerEpoch(), List.of(A, B)));
        TransactionSnapshot ongoing = get(c.describe(List.of("tx"))).get("tx").orElseThrow();
        c.close();
        // What a crash right after PrepareCommit was recorded leaves in the log.
        TransactionSnapshot prepared = new TransactionSnapshot("tx", ongoing.producerId(), ongoing.producerEpoch(), ongoing.timeoutMs(),
                TxnState.PREPARE_COMMIT, ongoing.partitions(), ongoing.startMs(), ongoing.lastUpdateMs());
        log.append(TransactionLogFormat.key("tx"), TransactionLogFormat.value(prepared));

        TransactionCoordinator restarted = start();
        Awaitility.await().until(() -> get(restarted.describe(List.of("tx"))).get("tx").orElseThrow().state() == TxnState.COMPLETE_COMMIT);
        assertThat(markers).containsExactly("COMMIT " + init.producerId() + "/0 a-0", "COMMIT " + init.producerId() + "/0 b-1");
        TransactionCoordinator.InitResult again = get(restarted.initProducerId("tx", 60_000, -1, (short) -1));
        assertThat(again.producerId()).isEqualTo(init.producerId());
        assertThat(again.producerEpoch()).isEqualTo((short) 1);
    }

    @Test
    void misuseGetsKafkasErrors() throws Exception {
        TransactionCoordinator c = start();
        assertThat(get(c.initProducerId("tx", 0, -1, (short) -1)).error()).isEqualTo(TxnError.INVALID_TRANSACTION_TIMEOUT);
        assertThat(get(c.addPartitions("nobody", 5, (short) 0, List.of(A)))).isEqualTo(TxnError.INVALID_PRODUCER_ID_MAPPING);
        TransactionCoordinator.InitResult init = get(c.initProducerId("tx", 60_000, -1, (short) -1));
        assertThat(get(c.endTransaction("tx", init.producerId(), init.producerEpoch(), true))).isEqualTo(TxnError.INVALID_TXN_STATE);
        assertThat(get(c.addPartitions("tx", init.producerId() + 1, init.producerEpoch(), List.of(A))))
                .isEqualTo(TxnError.INVALID_PRODUCER_ID_MAPPING);
        TransactionCoordinator.InitResult other = get(c.initProducerId("other", 60_000, -1, (short) -1));
        assertThat(other.producerId()).isNotEqualTo(init.producerId());
        assertThat(get(c.list(s -> true))).extracting(TransactionSnapshot::transactionalId).containsExactlyInAnyOrder("tx", "other");
        assertThat(get(c.describe(List.of("missing")))).isEqualTo(Map.of("missing", java.util.Optional.empty()));
    }
}
