package io.tributary.kafka.handler.txn;

import io.tributary.config.KafkaSettings;
import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.kafka.txn.TransactionCoordinator;
import io.tributary.kafka.txn.TransactionStateLog;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.NewTopic;
import io.tributary.logstore.topic.TopicDescription;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.utils.Utils;

/**
 * The transaction side of the Kafka layer, put together: {@code __transaction_state} (created at
 * first start, compacted, one partition, replicated in a cluster), the coordinator over it, the marker writer, and the
 * handlers of the transaction APIs.
 */
public final class Transactions implements AutoCloseable {
    public static final String STATE_TOPIC = "__transaction_state";
    public static final String OFFSETS_TOPIC = "__consumer_offsets";

    private final KafkaContext kafka;
    private final TransactionCoordinator coordinator;
    private final LogMarkerWriter markers;
    private final LongSupplier clock = System::currentTimeMillis;

    private Transactions(KafkaContext kafka) {
        this.kafka = kafka;
        TopicDescription topic = stateTopic(kafka);
        TransactionStateLog log = new LogTransactionStateLog(kafka.logs(), new TopicPartition(topic.name(), 0), kafka.leadership(), clock);
        this.markers = new LogMarkerWriter(kafka.logs(), kafka.leadership(), clock, OFFSETS_TOPIC);
        this.coordinator = new TransactionCoordinator(log, markers, kafka.producerIds(),
                new TransactionCoordinator.Settings(kafka.config().get(KafkaSettings.TRANSACTION_MAX_TIMEOUT_MS),
                        kafka.config().get(KafkaSettings.TRANSACTION_ABORT_INTERVAL_MS),
                        kafka.config().get(KafkaSettings.TRANSACTIONAL_ID_EXPIRATION_MS)), clock);
    }

    /**
     * Opens (creating if needed) the state topic and starts loading it; requests wait for the load
     * with a retriable error. In a cluster the coordinator is the leader of the (replicated) state
     * topic's partition: it loads on becoming leader and drops its state on losing it.
     */
    public static Transactions start(KafkaContext kafka) {
        Transactions t = new Transactions(kafka);
        Leadership leadership = kafka.leadership();
        if (leadership.movesLeadership()) {
            t.coordinator.startFollowing();
            leadership.follow(STATE_TOPIC, new Leadership.LeadershipListener() {
                @Override
                public void elected(int partition, int leaderEpoch) {
                    t.coordinator.elect();
                }

                @Override
                public void resigned(int partition) {
                    t.coordinator.resign();
                }
            });
        } else {
            t.coordinator.start();
        }
        return t;
    }

    private static TopicDescription stateTopic(KafkaContext kafka) {
        try {
            Leadership leadership = kafka.leadership();
            short factor = (short) Math.min(kafka.config().get(KafkaSettings.TRANSACTION_STATE_LOG_REPLICATION_FACTOR), leadership.clusterSize());
            // in a cluster its replicas are recorded first; put-if-absent: nodes starting together all get the first one's topic
            return leadership.assignReplicas(STATE_TOPIC, 0, 1, factor, Map.of())
                    .thenCompose(v -> kafka.logs().topics().ensureTopic(new NewTopic(STATE_TOPIC, 1, Map.of(LogConfigDefs.CLEANUP_POLICY, "compact"))))
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + STATE_TOPIC + ": " + e.getMessage(), e);
        }
    }

    /** Registers the transaction APIs (InitProducerId is registered by the caller with {@link #coordinator()}). */
    public void register(RequestDispatcher d, TopicResolver topics) {
        d.register(ApiKeys.ADD_PARTITIONS_TO_TXN, new AddPartitionsToTxnHandler(coordinator, topics))
                .register(ApiKeys.ADD_OFFSETS_TO_TXN, new AddOffsetsToTxnHandler(coordinator, this::offsetsPartition))
                .register(ApiKeys.END_TXN, new EndTxnHandler(coordinator))
                .register(ApiKeys.DESCRIBE_TRANSACTIONS, new DescribeTransactionsHandler(coordinator))
                .register(ApiKeys.LIST_TRANSACTIONS, new ListTransactionsHandler(coordinator, clock))
                .register(ApiKeys.WRITE_TXN_MARKERS, new WriteTxnMarkersHandler(markers));
    }

    public TransactionCoordinator coordinator() {
        return coordinator;
    }

    public LogMarkerWriter markers() {
        return markers;
    }

    /** The {@code __consumer_offsets} partition of a group, as Kafka computes it. */
    private Optional<TopicPartition> offsetsPartition(String groupId) {
        return kafka.logs().topics().topic(OFFSETS_TOPIC)
                .map(t -> new TopicPartition(OFFSETS_TOPIC, Utils.abs(groupId.hashCode()) % t.partitions()));
    }

    @Override
    public void close() {
        coordinator.close();
    }
}
