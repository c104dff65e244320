package io.tributary.logstore.topic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.metadata.MetadataListener;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.InvalidConfigException;
import io.tributary.logstore.InvalidPartitionsException;
import io.tributary.logstore.InvalidTopicException;
import io.tributary.logstore.LogConfig;
import io.tributary.logstore.LogConfigDef;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.TopicExistsException;
import io.tributary.logstore.UnknownTopicOrPartitionException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics of this broker: create, delete, add partitions, alter and describe configs, list.
 * Every change is validated as Kafka validates it, takes effect in memory at once, and is persisted
 * in the metadata store; its future completes when the change is durable and the logs follow it.
 * Failures are typed: {@link TopicExistsException}, {@link InvalidTopicException},
 * {@link InvalidPartitionsException}, {@link InvalidConfigException},
 * {@link UnknownTopicOrPartitionException}; validation failures are thrown at once, I/O failures
 * fail the future.
 *
 * <p>In a cluster every node's registry follows the store ({@link #follow}): a topic another node
 * created, deleted, grew or reconfigured is applied here too (its partition logs created or removed
 * in this node's logs directory, with the topic id the store holds). Creating a topic is a
 * put-if-absent decided by the store, so of two nodes creating one name at once exactly one wins
 * (the other gets {@link TopicExistsException}, or, through {@link #ensureTopic}, the winner's topic).
 * While a change of this node's to a topic is in flight, the store's news of that topic waits; when
 * the last one settles, the registry takes the store's current record.
 */
public final class TopicRegistry {
    /** The metadata-store kind of topic records. */
    public static final String METADATA_KIND = "topic";
    /** The most partitions a topic may have. */
    public static final int MAX_PARTITIONS = 100_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(TopicRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;
    private final TopicLogs logs;
    private final LogConfig brokerDefaults;
    private final Map<String, TopicDescription> topics = new HashMap<>();
    private final Map<UUID, String> namesById = new HashMap<>();
    /** Topic name → changes of this node's not yet settled in the store. */
    private final Map<String, Integer> pending = new HashMap<>();
    private final MetadataListener follower = (kind, key, json) -> reconcile(key);
    /** Topic name → the creation of its logs that following the store started and that may still run. */
    private final Map<String, CompletableFuture<Void>> followedLogs = new HashMap<>();

    public TopicRegistry(MetadataStore store, TopicLogs logs, LogConfig brokerDefaults) {
        this.store = store;
        this.logs = logs;
        this.brokerDefaults = brokerDefaults;
    }

    /**
     * Reads the registered topics from the metadata store (start-up). A record whose configs the
     * broker no longer accepts keeps the valid ones and logs the rest.
     */
    public synchronized List<TopicDescription> load() {
        for (Map.Entry<String, String> e : store.list(METADATA_KIND).entrySet()) {
            TopicRecord r;
            try {
                r = JSON.readValue(e.getValue(), TopicRecord.class);
            } catch (JsonProcessingException ex) {
                LOGGER.error("Ignoring unreadable topic record {}: {}", e.getKey(), ex.getMessage());
                continue;
            }
            TopicDescription t = new TopicDescription(r.name(), UUID.fromString(r.id()), r.partitions(), loadConfig(r));
            topics.put(t.name(), t);
            namesById.put(t.topicId(), t.name());
        }
        return topics();
    }

    private LogConfig loadConfig(TopicRecord r) {
        Map<String, String> valid = new HashMap<>();
        for (Map.Entry<String, String> c : r.configs().entrySet()) {
            try {
                LogConfigDefs.require(c.getKey()).parse(c.getValue());
                valid.put(c.getKey(), c.getValue());
            } catch (InvalidConfigException ex) {
                LOGGER.warn("Topic {}: ignoring stored config {}={}: {}", r.name(), c.getKey(), c.getValue(), ex.getMessage());
            }
        }
        return brokerDefaults.withOverrides(valid);
    }

    // ---- queries ----

    public synchronized Optional<TopicDescription> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    public synchronized Optional<TopicDescription> topic(UUID topicId) {
        String name = namesById.get(topicId);
        return name == null ? Optional.empty() : Optional.ofNullable(topics.get(name));
    }

    /** @throws UnknownTopicOrPartitionException when there is no such topic */
    public TopicDescription require(String name) {
        return topic(name).orElseThrow(() -> new UnknownTopicOrPartitionException("topic " + name + " does not exist"));
    }

    /** Every topic, by name. */
    public synchronized List<TopicDescription> topics() {
        List<TopicDescription> out = new ArrayList<>(topics.values());
        out.sort(Comparator.comparing(TopicDescription::name));
        return out;
    }

    /** DescribeConfigs of a topic: every config with its value and source (default, broker, topic). */
    public List<LogConfig.Entry> describeConfigs(String name) {
        return require(name).config().describe();
    }

    /** The broker's defaults for every topic config (what a topic without overrides gets). */
    public List<LogConfig.Entry> describeDefaults() {
        return brokerDefaults.describe();
    }

    /** The supported topic config names with their types and documentation. */
    public static List<LogConfigDef<?>> supportedConfigs() {
        return LogConfigDefs.all();
    }

    // ---- create ----

    /**
     * Checks a CreateTopics request without creating anything (Kafka's {@code validateOnly}).
     *
     * @return what the topic would look like (with a provisional id)
     */
    public synchronized TopicDescription validateCreate(NewTopic t) {
        TopicNames.validate(t.name());
        if (topics.containsKey(t.name())) {
            throw new TopicExistsException("topic '" + t.name() + "' already exists");
        }
        String unified = TopicNames.unifyCollisionChars(t.name());
        for (String existing : topics.keySet()) {
            if (TopicNames.unifyCollisionChars(existing).equals(unified)) {
                throw new InvalidTopicException("topic '" + t.name() + "' collides with existing topic: " + existing);
            }
        }
        checkPartitionCount(t.partitions());
        return new TopicDescription(t.name(), newTopicId(), t.partitions(), brokerDefaults.withOverrides(t.configs()));
    }

    private static void checkPartitionCount(int partitions) {
        if (partitions < 1) {
            throw new InvalidPartitionsException("number of partitions must be larger than 0");
        }
        if (partitions > MAX_PARTITIONS) {
            throw new InvalidPartitionsException("number of partitions must not exceed " + MAX_PARTITIONS);
        }
    }

    /**
     * Creates a topic and its partition logs.
     *
     * @throws InvalidTopicException, TopicExistsException, InvalidPartitionsException,
     *     InvalidConfigException at once; the future fails on I/O errors, and with
     *     {@link TopicExistsException} when another node created the name first
     */
    public CompletableFuture<TopicDescription> createTopic(NewTopic t) {
        return create(t, false);
    }

    /**
     * The topic of this name, created as {@code t} when no node has it yet (internal topics at
     * start-up: of nodes starting together, all end up with the one topic, and id, that was first).
     */
    public CompletableFuture<TopicDescription> ensureTopic(NewTopic t) {
        if (topic(t.name()).isPresent()) {
            return whenLogsFollowed(t.name());
        }
        try {
            return create(t, true);
        } catch (TopicExistsException e) {
            return whenLogsFollowed(t.name());
        }
    }

    /** The topic once the logs that following the store is creating for it exist. */
    private CompletableFuture<TopicDescription> whenLogsFollowed(String name) {
        CompletableFuture<Void> creating;
        synchronized (this) {
            creating = followedLogs.getOrDefault(name, CompletableFuture.completedFuture(null));
        }
        return creating.thenApply(v -> require(name));
    }

    private CompletableFuture<TopicDescription> create(NewTopic t, boolean adoptExisting) {
        TopicDescription created;
        synchronized (this) {
            created = validateCreate(t);
            put(created);
            begin(created.name());
        }
        return persistNew(created).handle((won, e) -> {
            CompletableFuture<Void> followed = settle(created.name());
            if (e != null) {
                unregister(created);
                return CompletableFuture.<TopicDescription>failedFuture(e);
            }
            if (!won) {
                unregister(created);
                if (!adoptExisting) {
                    return CompletableFuture.<TopicDescription>failedFuture(new TopicExistsException("topic '" + created.name()
                            + "' already exists (created on another node)"));
                }
                return followed.thenCompose(v -> whenLogsFollowed(created.name()));
            }
            return logs.createLogs(created.name(), created.topicId(), 0, created.partitions(), created.config()).thenApply(v -> created);
        }).thenCompose(f -> f).whenComplete((v, e) -> {
            if (e != null) {
                LOGGER.error("Creating topic {} failed", created.name(), e);
            } else if (v.topicId().equals(created.topicId())) {
                LOGGER.info("Created topic {} ({} partitions, id {}, overrides {})", created.name(), created.partitions(),
                        created.topicId(), created.config().overrides());
            }
        });
    }

    public CompletableFuture<TopicDescription> createTopic(String name, int partitions, Map<String, String> configs) {
        return createTopic(new NewTopic(name, partitions, configs));
    }

    private static UUID newTopicId() {
        while (true) {
            UUID id = new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong());
            boolean reserved = id.getMostSignificantBits() == 0 && (id.getLeastSignificantBits() == 0 || id.getLeastSignificantBits() == 1);
            boolean dashFirst = (id.getMostSignificantBits() >>> 58) == 62;
            if (!reserved && !dashFirst) {
                return id;
            }
        }
    }

    // ---- delete ----

    /**
     * Deletes a topic: it disappears and its logs stop at once; the files go in the background after
     * the topic's {@code file.delete.delay.ms}.
     *
     * @throws UnknownTopicOrPartitionException when there is no such topic
     */
    public CompletableFuture<Void> deleteTopic(String name) {
        TopicDescription removed;
        synchronized (this) {
            removed = require(name);
            topics.remove(name);
            namesById.remove(removed.topicId());
            begin(name);
        }
        CompletableFuture<Void> stopped = logs.deleteLogs(name, removed.partitions());
        return settleAfter(name, store.delete(METADATA_KIND, name)).thenCombine(stopped, (a, b) -> (Void) null)
                .whenComplete((v, e) -> {
                    if (e == null) {
                        LOGGER.info("Deleted topic {} (id {})", name, removed.topicId());
                    }
                });
    }

    // ---- partitions ----

    /** Checks a CreatePartitions request without applying it. */
    public synchronized TopicDescription validateCreatePartitions(String name, int totalCount) {
        TopicDescription t = require(name);
        if (totalCount == t.partitions()) {
            throw new InvalidPartitionsException("topic already has " + t.partitions() + " partitions");
        }
        if (totalCount < t.partitions()) {
            throw new InvalidPartitionsException("topic currently has " + t.partitions() + " partitions, which is higher than the requested "
                    + totalCount);
        }
        checkPartitionCount(totalCount);
        return new TopicDescription(t.name(), t.topicId(), totalCount, t.config());
    }

    /** Increases the topic's partition count to {@code totalCount}, creating the new partitions' logs. */
    public CompletableFuture<TopicDescription> createPartitions(String name, int totalCount) {
        TopicDescription before;
        TopicDescription after;
        synchronized (this) {
            before = require(name);
            after = validateCreatePartitions(name, totalCount);
            put(after);
            begin(name);
        }
        return settleAfter(name, persist(after))
                .thenCompose(v -> logs.createLogs(name, after.topicId(), before.partitions(), totalCount, after.config()))
                .thenApply(v -> after);
    }

    // ---- configs ----

    /** AlterConfigs (legacy): the topic's overrides become exactly {@code overrides}. */
    public CompletableFuture<TopicDescription> alterConfigs(String name, Map<String, String> overrides, boolean validateOnly) {
        TopicDescription updated;
        synchronized (this) {
            TopicDescription t = require(name);
            updated = new TopicDescription(t.name(), t.topicId(), t.partitions(), brokerDefaults.withOverrides(overrides));
            if (validateOnly) {
                return CompletableFuture.completedFuture(updated);
            }
            put(updated);
            begin(name);
        }
        return applyConfig(updated);
    }

    /** IncrementalAlterConfigs: applies every change or none. */
    public CompletableFuture<TopicDescription> incrementalAlterConfigs(String name, List<ConfigChange> changes, boolean validateOnly) {
        TopicDescription updated;
        synchronized (this) {
            TopicDescription t = require(name);
            Map<String, String> overrides = new HashMap<>(t.config().overrides());
            for (ConfigChange c : changes) {
                apply(overrides, c, t.config());
            }
            updated = new TopicDescription(t.name(), t.topicId(), t.partitions(), brokerDefaults.withOverrides(overrides));
            if (validateOnly) {
                return CompletableFuture.completedFuture(updated);
            }
            put(updated);
            begin(name);
        }
        return applyConfig(updated);
    }

    private static void apply(Map<String, String> overrides, ConfigChange c, LogConfig current) {
        LogConfigDef<?> def = LogConfigDefs.require(c.name());
        switch (c.op()) {
            case SET:
                overrides.put(c.name(), c.value());
                break;
            case DELETE:
                overrides.remove(c.name());
                break;
            case APPEND:
            case SUBTRACT:
                if (def.type() != LogConfigDef.Type.LIST) {
                    throw new InvalidConfigException("config value " + c.op().name().toLowerCase(java.util.Locale.ROOT)
                            + " is not allowed for config key: " + c.name());
                }
                overrides.put(c.name(), editList(current, c));
                break;
            default:
                throw new IllegalArgumentException("unknown op " + c.op());
        }
    }

    private static String editList(LogConfig current, ConfigChange c) {
        String now = current.describe().stream().filter(e -> e.name().equals(c.name())).findFirst().orElseThrow().value();
        Set<String> items = new LinkedHashSet<>(List.of(now.split(",")));
        for (String v : (c.value() == null ? "" : c.value()).split(",")) {
            if (v.isBlank()) {
                continue;
            }
            if (c.op() == ConfigChange.Op.APPEND) {
                items.add(v.trim());
            } else {
                items.remove(v.trim());
            }
        }
        return String.join(",", items);
    }

    private CompletableFuture<TopicDescription> applyConfig(TopicDescription updated) {
        return settleAfter(updated.name(), persist(updated)).thenApply(v -> {
            logs.updateConfig(updated.name(), updated.partitions(), updated.config());
            LOGGER.info("Topic {} configs are now {}", updated.name(), updated.config().overrides());
            return updated;
        });
    }

    // ---- storage ----

    private void put(TopicDescription t) {
        topics.put(t.name(), t);
        namesById.put(t.topicId(), t.name());
    }

    private synchronized void unregister(TopicDescription t) {
        if (topics.get(t.name()) == t) {
            topics.remove(t.name());
            namesById.remove(t.topicId());
        }
    }

    private CompletableFuture<Void> persist(TopicDescription t) {
        return store.put(METADATA_KIND, t.name(), json(t));
    }

    private CompletableFuture<Boolean> persistNew(TopicDescription t) {
        return store.putIfAbsent(METADATA_KIND, t.name(), json(t));
    }

    private static String json(TopicDescription t) {
        TopicRecord r = new TopicRecord(t.name(), t.topicId().toString(), t.partitions(), t.config().overrides());
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- following the store ----

    /**
     * Follows the store from now on: every topic record changed by any node is applied here
     * ({@link #reconcile}), and what changed since {@link #load} is applied at once. Call after the
     * logs of the loaded topics are open.
     */
    public void follow() {
        store.addListener(METADATA_KIND, follower);
        Set<String> names = new LinkedHashSet<>(store.list(METADATA_KIND).keySet());
        synchronized (this) {
            names.addAll(topics.keySet());
        }
        names.forEach(this::reconcile);
    }

    /** Stops following the store (the log manager is closing). */
    public void unfollow() {
        store.removeListener(METADATA_KIND, follower);
    }

    private void begin(String name) {
        pending.merge(name, 1, Integer::sum);
    }

    private <T> CompletableFuture<T> settleAfter(String name, CompletableFuture<T> write) {
        return write.whenComplete((v, e) -> settle(name));
    }

    /** One change of this node's to {@code name} settled; after the last one, the store's record is the truth. */
    private CompletableFuture<Void> settle(String name) {
        synchronized (this) {
            if (pending.merge(name, -1, Integer::sum) <= 0) {
                pending.remove(name);
            }
        }
        return reconcile(name);
    }

    /**
     * Makes this node's view of one topic the store's current record (unless a change of this
     * node's to it is still in flight): creates, deletes, grows or reconfigures its logs here. The
     * future completes when the logs follow.
     */
    synchronized CompletableFuture<Void> reconcile(String name) {
        if (pending.containsKey(name)) {
            return CompletableFuture.completedFuture(null);
        }
        TopicDescription now = topics.get(name);
        String json = store.get(METADATA_KIND, name);
        TopicDescription stored = json == null ? null : readTopic(name, json);
        if (json != null && stored == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (stored == null) {
            if (now == null) {
                return CompletableFuture.completedFuture(null);
            }
            topics.remove(name);
            namesById.remove(now.topicId());
            LOGGER.info("Topic {} (id {}) was deleted on another node", name, now.topicId());
            return logs.deleteLogs(name, now.partitions());
        }
        if (now != null && now.topicId().equals(stored.topicId())) {
            return follow(now, stored);
        }
        CompletableFuture<Void> gone = CompletableFuture.completedFuture(null);
        if (now != null) {
            LOGGER.info("Topic {}: id {} gave way to the cluster's {}", name, now.topicId(), stored.topicId());
            namesById.remove(now.topicId());
            gone = logs.deleteLogs(name, now.partitions());
        } else {
            LOGGER.info("Topic {} ({} partitions, id {}) was created on another node", name, stored.partitions(), stored.topicId());
        }
        put(stored);
        CompletableFuture<Void> created = gone.thenCompose(v -> logs.createLogs(name, stored.topicId(), 0, stored.partitions(), stored.config()))
                .thenRun(() -> configureLogs(name));
        followedLogs.put(name, created);
        created.whenComplete((v, e) -> {
            synchronized (this) {
                followedLogs.remove(name, created);
            }
        });
        return created;
    }

    private CompletableFuture<Void> follow(TopicDescription now, TopicDescription stored) {
        int partitions = stored.partitions();
        if (partitions < now.partitions()) {
            LOGGER.warn("Topic {}: the store says {} partitions, this node has {}; keeping {}", now.name(), partitions, now.partitions(),
                    now.partitions());
            partitions = now.partitions();
        }
        boolean configChanged = !now.config().overrides().equals(stored.config().overrides());
        if (partitions == now.partitions() && !configChanged) {
            return CompletableFuture.completedFuture(null);
        }
        TopicDescription next = new TopicDescription(now.name(), now.topicId(), partitions, stored.config());
        put(next);
        if (configChanged) {
            logs.updateConfig(now.name(), now.partitions(), next.config());
            LOGGER.info("Topic {} configs are now {} (changed on another node)", now.name(), next.config().overrides());
        }
        if (partitions > now.partitions()) {
            LOGGER.info("Topic {} now has {} partitions (changed on another node)", now.name(), partitions);
            return logs.createLogs(now.name(), now.topicId(), now.partitions(), partitions, next.config())
                    .thenRun(() -> configureLogs(now.name()));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** New logs were created with the config known when they were asked for; a later change may have come meanwhile. */
    private void configureLogs(String name) {
        synchronized (this) {
            TopicDescription t = topics.get(name);
            if (t != null) {
                logs.updateConfig(name, t.partitions(), t.config());
            }
        }
    }

    private TopicDescription readTopic(String name, String json) {
        try {
            TopicRecord r = JSON.readValue(json, TopicRecord.class);
            return new TopicDescription(r.name(), UUID.fromString(r.id()), r.partitions(), loadConfig(r));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOGGER.error("Ignoring unreadable topic record {}: {}", name, e.getMessage());
            return null;
        }
    }
}
