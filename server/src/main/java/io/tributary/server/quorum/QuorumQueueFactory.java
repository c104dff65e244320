package io.tributary.server.quorum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.message.MessageFormats;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.queues.QueueArguments;
import io.tributary.queues.QueuePolicy;
import io.tributary.queues.QueueTypes;
import io.tributary.queues.deadletter.DeadLetterer;
import io.tributary.queues.quorum.QuorumLimits;
import io.tributary.server.remote.RemoteQueues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the quorum queues of a cluster node ({@link #around} wraps the queue factory: durable
 * {@code x-queue-type: quorum} declarations become {@link QuorumQueue}s, everything else passes on).
 *
 * <p>Placement: a new queue's members are {@code x-quorum-initial-group-size} nodes (default: every
 * node of the cluster), the declaring node first, recorded in the metadata store
 * ({@value #MEMBERS_KIND}) before the queue's declaration is, so that every node that learns of the
 * queue (following the declaration live, or recovering it at start) finds its members there and
 * joins the same group.
 */
public final class QuorumQueueFactory implements AutoCloseable {
    /** Metadata kind of the members records, keyed by {@code vhost␟name}. */
    public static final String MEMBERS_KIND = "amqp.quorum.members";
    private static final Logger LOGGER = LoggerFactory.getLogger(QuorumQueueFactory.class);
    private static final char SEP = '\u001f';
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Integer>> INTS = new TypeReference<>() {
    };

    private final Shared shared;

    /**
     * @param nodeDownMs how long a group's leader waits without hearing from a member before its
     *     consumers' messages return to the queue
     */
    /**
     * @param remote reaches members from a node that is not one (consumers of such a node are proxied to a member)
     */
    public QuorumQueueFactory(QuorumGroups groups, MetadataStore store, MessageFormats formats, Supplier<VirtualHosts> vhosts,
            long nodeDownMs, RemoteQueues remote) {
        AtomicInteger ids = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "quorum-queue-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quorum-queue-timer");
            t.setDaemon(true);
            return t;
        });
        this.shared = new Shared(groups, store, new QuorumMessageCodec(formats), vhosts, nodeDownMs, executor, timer,
                UUID.randomUUID().toString().substring(0, 8), remote);
        timer.scheduleWithFixedDelay(shared::watchNodes, 1, 1, TimeUnit.SECONDS);
        // a membership change made through any node: every node's queue object follows it
        store.addListener(MEMBERS_KIND, (kind, key, json) -> {
            if (json != null) {
                List<Integer> now = shared.members(key);
                for (QuorumQueue q : shared.queues) {
                    if (q.group().equals(key) && now != null) {
                        q.membersChanged(now);
                    }
                }
            }
        });
    }

    /** The quorum queues ({@code vhost/name}) whose recorded members include {@code node}: what it must give up before it leaves the cluster. */
    public static List<String> queuesHeldBy(MetadataStore store, int node) {
        List<String> out = new ArrayList<>();
        store.list(MEMBERS_KIND).forEach((group, json) -> {
            List<Integer> members;
            try {
                members = parseMembers(group, json);
            } catch (IllegalStateException e) {
                members = List.of(node); // unreadable: do not let the node go on a guess
            }
            if (members.contains(node)) {
                out.add(group.replace(SEP, '/'));
            }
        });
        return out;
    }

    /** A members record's node ids. */
    private static List<Integer> parseMembers(String group, String json) {
        try {
            return List.copyOf(JSON.readValue(json, INTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("members record of quorum queue " + group + " is not a list of node ids: " + json, e);
        }
    }

    public static String groupName(String vhost, String name) {
        return vhost + SEP + name;
    }

    static boolean singleActiveConsumer(QueueDefinition def) {
        return Boolean.TRUE.equals(def.arguments().get("x-single-active-consumer"));
    }

    public DestinationFactory around(DestinationFactory next) {
        return def -> QueueTypes.isQuorum(def) && def.durable() && !def.exclusive() ? create(def) : next.create(def);
    }

    private Destination create(QueueDefinition def) {
        QueueArguments.validate(def);
        QueuePolicy policy = QueuePolicy.of(def);
        DeadLetterer dlx = policy.deadLetterExchange() == null ? null
                : new DeadLetterer(def.name(), policy.deadLetterExchange(), policy.deadLetterRoutingKey(),
                        () -> shared.vhosts.get().get(def.vhost()));
        List<Integer> known = shared.members(groupName(def.vhost(), def.name()));
        QuorumLimits limits = new QuorumLimits(policy.maxLength(), policy.maxLengthBytes(), policy.overflow() == QueuePolicy.Overflow.REJECT_PUBLISH);
        QuorumQueue q = new QuorumQueue(def, shared, known, policy.deliveryLimit(), limits, dlx);
        shared.queues.add(q);
        return q;
    }

    /** The queues' clients and timers stop; their groups stay on this node's Raft server. */
    @Override
    public void close() {
        for (QuorumQueue q : List.copyOf(shared.queues)) {
            q.close();
        }
        shared.timer.shutdownNow();
        shared.executor.shutdown();
    }

    /** What every quorum queue of this node shares. */
    static final class Shared {
        private final QuorumGroups groups;
        private final MetadataStore store;
        private final QuorumMessageCodec codec;
        private final Supplier<VirtualHosts> vhosts;
        private final long nodeDownMs;
        private final ExecutorService executor;
        private final ScheduledExecutorService timer;
        private final String boot;
        private final Set<QuorumQueue> queues = ConcurrentHashMap.newKeySet();
        private final Map<QuorumQueue, ScheduledFuture<?>> duties = new ConcurrentHashMap<>();
        private final RemoteQueues remote;
        /** Nodes {@link #watchNodes} declared down and has not heard from since (timer thread only). */
        private final Set<Integer> gone = new java.util.HashSet<>();

        Shared(QuorumGroups groups, MetadataStore store, QuorumMessageCodec codec, Supplier<VirtualHosts> vhosts, long nodeDownMs,
                ExecutorService executor, ScheduledExecutorService timer, String boot, RemoteQueues remote) {
            this.remote = remote;
            this.groups = groups;
            this.store = store;
            this.codec = codec;
            this.vhosts = vhosts;
            this.nodeDownMs = nodeDownMs;
            this.executor = executor;
            this.timer = timer;
            this.boot = boot;
        }

        QuorumGroups groups() {
            return groups;
        }

        /** Reaches a member from a node that is not one; null when there is no such link. */
        RemoteQueues remote() {
            return remote;
        }

        QuorumMessageCodec codec() {
            return codec;
        }

        ExecutorService executor() {
            return executor;
        }

        String boot() {
            return boot;
        }

        /** The broker's virtual hosts (null while it is being composed). */
        VirtualHosts vhosts() {
            return vhosts.get();
        }

        /** False while the broker is still being composed (no virtual hosts to dead-letter through yet). */
        boolean vhostsReady() {
            return vhosts.get() != null;
        }

        long nodeDownMs() {
            return nodeDownMs;
        }

        /** The recorded members of a queue, null when none are recorded (a new declaration). */
        List<Integer> members(String group) {
            String json = store.get(MEMBERS_KIND, group);
            return json == null ? null : parseMembers(group, json);
        }

        /** Records {@code proposed} unless another node recorded members first; completes with the members that hold. */
        CompletableFuture<List<Integer>> recordMembers(String group, List<Integer> proposed) {
            String json;
            try {
                json = JSON.writeValueAsString(proposed);
            } catch (JsonProcessingException e) {
                return CompletableFuture.failedFuture(e);
            }
            return store.putIfAbsent(MEMBERS_KIND, group, json).thenApply(won -> won ? proposed : members(group));
        }

        /** Replaces the members record if it still is {@code current}; completes with whether it was. */
        CompletableFuture<Boolean> replaceMembers(String group, List<Integer> current, List<Integer> next) {
            try {
                return store.compareAndPut(MEMBERS_KIND, group, JSON.writeValueAsString(current), JSON.writeValueAsString(next));
            } catch (JsonProcessingException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        CompletableFuture<Void> forget(String group) {
            return store.get(MEMBERS_KIND, group) == null ? CompletableFuture.completedFuture(null) : store.delete(MEMBERS_KIND, group);
        }

        /** The declaring node first, then the others from a place that depends on the queue's name, so leaders spread. */
        List<Integer> place(QueueDefinition def) {
            List<Integer> all = new ArrayList<>(groups.clusterMembers());
            Collections.sort(all);
            int self = groups.nodeId();
            all.remove(Integer.valueOf(self));
            Object size = def.arguments().get("x-quorum-initial-group-size");
            int n = size instanceof Number num ? Math.max(1, num.intValue()) : all.size() + 1;
            if (!all.isEmpty()) {
                Collections.rotate(all, Math.floorMod(groupName(def.vhost(), def.name()).hashCode(), all.size()));
            }
            List<Integer> out = new ArrayList<>();
            out.add(self);
            for (int i = 0; i < all.size() && out.size() < n; i++) {
                out.add(all.get(i));
            }
            return out;
        }

        /**
         * On the timer, every second; acts only on the controller, which hears from every node: a
         * node silent past {@code nodeDownMs} is declared down in every queue it is no member of
         * (its {@code basic.get} holders' messages return; members' own leaders watch the members).
         */
        void watchNodes() {
            try {
                Map<Integer, Long> silence = groups.nodeSilenceMs();
                gone.retainAll(silence.keySet());
                silence.forEach((node, ms) -> {
                    if (ms <= nodeDownMs) {
                        gone.remove(node);
                    } else if (gone.add(node)) {
                        LOGGER.info("Node {} silent for {} ms: what it held of quorum queues it is no member of returns", node, ms);
                        queues.forEach(q -> q.nodeGone(node));
                    }
                });
            } catch (RuntimeException e) {
                LOGGER.warn("Watching the nodes for quorum queues failed: {}", e.toString());
            }
        }

        void startDuties(QuorumQueue q) {
            try {
                duties.computeIfAbsent(q, k -> timer.scheduleWithFixedDelay(q.dutiesTask(), 500, 500, TimeUnit.MILLISECONDS));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        }

        void stopDuties(QuorumQueue q) {
            ScheduledFuture<?> f = duties.remove(q);
            if (f != null) {
                f.cancel(false);
            }
            queues.remove(q);
        }
    }
}
