package io.tributary.config;

import java.util.List;

/** Settings of the Kafka protocol layer; names follow Apache Kafka's broker configs where it has one. */
public final class KafkaSettings {
    public static final Setting<Integer> MAX_REQUEST_BYTES = Setting.ofInt("kafka.max.request.bytes", 100 * 1024 * 1024, 1024, Integer.MAX_VALUE,
            "Largest Kafka request frame accepted; a larger one closes the connection (Kafka: socket.request.max.bytes).");
    public static final Setting<Long> CONNECTIONS_MAX_IDLE_MS = Setting.ofLong("connections.max.idle.ms", 600_000L, 1, Long.MAX_VALUE,
            "A Kafka connection that neither reads nor writes for this long is closed (Kafka's broker config of the same name).");
    public static final Setting<Integer> NUM_PARTITIONS = Setting.ofInt("num.partitions", 1, 1, 100_000,
            "Partitions of an automatically created topic.");
    public static final Setting<Integer> DEFAULT_REPLICATION_FACTOR = Setting.ofInt("default.replication.factor", 1, 1, 1000,
            "Replicas of each partition of a topic created with replication factor -1 or automatically; a single node is the only"
                    + " replica whatever this says.");
    public static final Setting<Boolean> AUTO_CREATE_TOPICS = Setting.ofBoolean("auto.create.topics.enable", true,
            "Create a topic when a client asks for metadata of, or produces to, a topic that does not exist.");

    public static final Setting<Integer> IO_THREADS = Setting.ofInt("kafka.io.threads", 0, 0, 1024,
            "Threads doing the file work of Kafka requests (appends, reads, index lookups); 0 = one per core (Kafka: num.io.threads).");

    // ---- group coordinator (names and defaults as Apache Kafka's) ----
    public static final Setting<Integer> OFFSETS_TOPIC_REPLICATION_FACTOR = Setting.ofInt("offsets.topic.replication.factor", 3, 1, 1000,
            "Replicas of each __consumer_offsets partition in a cluster (at most the number of nodes); group coordinators move with"
                    + " their partition's leadership.");
    public static final Setting<Integer> TRANSACTION_STATE_LOG_REPLICATION_FACTOR = Setting.ofInt("transaction.state.log.replication.factor", 3,
            1, 1000, "Replicas of __transaction_state in a cluster (at most the number of nodes); the transaction coordinator moves with"
                    + " its leadership.");
    public static final Setting<Integer> OFFSETS_TOPIC_NUM_PARTITIONS = Setting.ofInt("offsets.topic.num.partitions", 50, 1, 1000,
            "Partitions of __consumer_offsets, created at start-up when missing; an existing topic keeps its count.");
    public static final Setting<Integer> OFFSETS_TOPIC_SEGMENT_BYTES = Setting.ofInt("offsets.topic.segment.bytes", 100 * 1024 * 1024, 1024 * 1024,
            Integer.MAX_VALUE, "Segment size of __consumer_offsets (kept small so compaction reclaims space soon).");
    public static final Setting<Integer> OFFSETS_RETENTION_MINUTES = Setting.ofInt("offsets.retention.minutes", 7 * 24 * 60, 1, Integer.MAX_VALUE,
            "How long the committed offsets of a group stay after the group became empty.");
    public static final Setting<Long> OFFSETS_RETENTION_CHECK_INTERVAL_MS = Setting.ofLong("offsets.retention.check.interval.ms", 600_000L, 1,
            Long.MAX_VALUE, "How often expired offsets are looked for.");
    public static final Setting<Integer> OFFSET_METADATA_MAX_BYTES = Setting.ofInt("offset.metadata.max.bytes", 4096, 0, Integer.MAX_VALUE,
            "Longest metadata string an offset commit may carry.");
    public static final Setting<Integer> GROUP_INITIAL_REBALANCE_DELAY_MS = Setting.ofInt("group.initial.rebalance.delay.ms", 3000, 0,
            Integer.MAX_VALUE, "How long the first rebalance of an empty classic group waits for more members to join.");
    public static final Setting<Integer> GROUP_MIN_SESSION_TIMEOUT_MS = Setting.ofInt("group.min.session.timeout.ms", 6000, 1, Integer.MAX_VALUE,
            "Smallest session.timeout.ms a classic group member may ask for.");
    public static final Setting<Integer> GROUP_MAX_SESSION_TIMEOUT_MS = Setting.ofInt("group.max.session.timeout.ms", 1_800_000, 1,
            Integer.MAX_VALUE, "Largest session.timeout.ms a classic group member may ask for.");
    public static final Setting<Integer> GROUP_MAX_SIZE = Setting.ofInt("group.max.size", Integer.MAX_VALUE, 1, Integer.MAX_VALUE,
            "Most members a group may have.");
    public static final Setting<Integer> GROUP_CONSUMER_SESSION_TIMEOUT_MS = Setting.ofInt("group.consumer.session.timeout.ms", 45_000, 1,
            Integer.MAX_VALUE, "Session timeout of members of consumer-protocol (KIP-848) groups.");
    public static final Setting<Integer> GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS = Setting.ofInt("group.consumer.heartbeat.interval.ms", 5000, 1,
            Integer.MAX_VALUE, "Heartbeat interval given to members of consumer-protocol (KIP-848) groups.");
    public static final Setting<List<String>> GROUP_CONSUMER_ASSIGNORS = Setting.ofList("group.consumer.assignors", List.of("uniform", "range"),
            "Server-side assignors of consumer-protocol groups (uniform, range); the first is the default.");
    public static final Setting<Integer> GROUP_COORDINATOR_THREADS = Setting.ofInt("group.coordinator.threads", 2, 1, 64,
            "Threads running the group coordinator; each owns a share of the __consumer_offsets partitions.");

    public static final Setting<Integer> TRANSACTION_MAX_TIMEOUT_MS = Setting.ofInt("transaction.max.timeout.ms", 900_000, 1, Integer.MAX_VALUE,
            "Largest transaction timeout a transactional producer may ask for.");
    public static final Setting<Long> TRANSACTION_ABORT_INTERVAL_MS = Setting.ofLong("transaction.abort.timed.out.transaction.cleanup.interval.ms",
            10_000, 1, Long.MAX_VALUE, "How often transactions open longer than their timeout are aborted.");
    public static final Setting<Long> TRANSACTIONAL_ID_EXPIRATION_MS = Setting.ofLong("transactional.id.expiration.ms", 604_800_000L, 1,
            Long.MAX_VALUE, "Idle time after which a transactional id with no open transaction is forgotten.");

    private KafkaSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(MAX_REQUEST_BYTES, CONNECTIONS_MAX_IDLE_MS, NUM_PARTITIONS, DEFAULT_REPLICATION_FACTOR, AUTO_CREATE_TOPICS, IO_THREADS, TRANSACTION_MAX_TIMEOUT_MS,
                TRANSACTION_ABORT_INTERVAL_MS, TRANSACTIONAL_ID_EXPIRATION_MS, TRANSACTION_STATE_LOG_REPLICATION_FACTOR,
                OFFSETS_TOPIC_NUM_PARTITIONS, OFFSETS_TOPIC_REPLICATION_FACTOR, OFFSETS_TOPIC_SEGMENT_BYTES, OFFSETS_RETENTION_MINUTES, OFFSETS_RETENTION_CHECK_INTERVAL_MS,
                OFFSET_METADATA_MAX_BYTES, GROUP_INITIAL_REBALANCE_DELAY_MS, GROUP_MIN_SESSION_TIMEOUT_MS, GROUP_MAX_SESSION_TIMEOUT_MS,
                GROUP_MAX_SIZE, GROUP_CONSUMER_SESSION_TIMEOUT_MS, GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS, GROUP_CONSUMER_ASSIGNORS,
                GROUP_COORDINATOR_THREADS);
    }
}
