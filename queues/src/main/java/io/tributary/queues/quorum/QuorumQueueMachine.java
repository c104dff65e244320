package io.tributary.queues.quorum;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A quorum queue's state, changed only by {@link #apply}: deterministic (no clocks, no randomness,
 * iteration in insertion order), so every member of the queue's Raft group that applies the same
 * commands holds the same state and computes the same effects. Messages are numbered in enqueue
 * order; returned messages are served before new ones, oldest first; dispatch goes round robin over
 * the consumers with room (or to the first consumer only, with single active consumer).
 *
 * <p>Delivery limit ({@code x-delivery-limit}, -1 for none): a message returned or left unsettled by
 * a cancelled consumer more than that many times is dead-lettered with reason
 * {@code delivery_limit}, as RabbitMQ's quorum queues do. Length limits ({@link QuorumLimits}) count
 * ready messages and their body bytes: over them, the oldest ready messages are dead-lettered
 * (reason {@code maxlen}), or with {@code reject-publish} a full queue refuses the new one. TTL: a
 * message carries when it expires; an {@link QuorumCommand.Expire} (the leader's clock, in the log)
 * dead-letters the expired messages at the head (reason {@code expired}).
 *
 * <p>Not thread-safe: the Raft state machine applies one command at a time.
 */
public final class QuorumQueueMachine {
    private final long deliveryLimit;
    private final boolean singleActiveConsumer;
    private final QuorumLimits limits;
    /** Body bytes of the ready (and returned) messages. */
    private long readyBytes;
    private final TreeMap<Long, Message> messages = new TreeMap<>();
    /** Returned messages, served before {@link #ready}, oldest (lowest id) first. */
    private final java.util.TreeSet<Long> returned = new java.util.TreeSet<>();
    private final Deque<Long> ready = new ArrayDeque<>();
    private final LinkedHashMap<String, Consumer> consumers = new LinkedHashMap<>();
    /** Dead-lettered messages not yet confirmed at their target, by id. */
    private final TreeMap<Long, QuorumEffect.DeadLetter> deadLetters = new TreeMap<>();
    private long nextId;
    /** Where the round robin resumes: the consumer after the one served last. */
    private String lastServed;

    private static final class Message {
        final long id;
        final Object payload;
        final long size;
        final long expiresAt;
        int deliveryCount;
        /** The consumer that has it, null while it waits. */
        String checkedOutBy;

        Message(long id, Object payload, long size, long expiresAt) {
            this.id = id;
            this.payload = payload;
            this.size = size;
            this.expiresAt = expiresAt;
        }
    }

    private static final class Consumer {
        final String key;
        final int node;
        /** Unsettled messages it may hold; 0 for no limit, -1 for none pushed (a stopped consumer, a basic.get holder). */
        int prefetch;
        final Set<Long> unsettled = new LinkedHashSet<>();

        Consumer(String key, int node, int prefetch) {
            this.key = key;
            this.node = node;
            this.prefetch = prefetch;
        }

        /** A holder of {@code basic.get} messages or a stopped consumer: nothing is pushed to it. */
        boolean getOnly() {
            return prefetch < 0;
        }

        boolean hasRoom() {
            return prefetch == 0 || prefetch > 0 && unsettled.size() < prefetch;
        }
    }

    public QuorumQueueMachine(long deliveryLimit, boolean singleActiveConsumer) {
        this(deliveryLimit, singleActiveConsumer, QuorumLimits.NONE);
    }

    public QuorumQueueMachine(long deliveryLimit, boolean singleActiveConsumer, QuorumLimits limits) {
        this.deliveryLimit = deliveryLimit;
        this.singleActiveConsumer = singleActiveConsumer;
        this.limits = limits;
    }

    /** Applies one command and returns what it made happen, in order. */
    public List<QuorumEffect> apply(QuorumCommand command) {
        List<QuorumEffect> effects = new ArrayList<>();
        if (command instanceof QuorumCommand.Enqueue e) {
            enqueue(e, effects);
        } else if (command instanceof QuorumCommand.Checkout c) {
            consumers.computeIfAbsent(c.consumer(), k -> new Consumer(k, c.node(), Math.max(0, c.prefetch())));
        } else if (command instanceof QuorumCommand.Stop st) {
            Consumer c = consumers.get(st.consumer());
            if (c != null) {
                c.prefetch = -1;
                if (c.unsettled.isEmpty()) {
                    consumers.remove(st.consumer());
                }
            }
        } else if (command instanceof QuorumCommand.Cancel c) {
            cancel(c.consumer(), effects);
        } else if (command instanceof QuorumCommand.Settle st) {
            forEachUnsettled(st.consumer(), st.ids(), m -> messages.remove(m.id));
        } else if (command instanceof QuorumCommand.Return r) {
            forEachUnsettled(r.consumer(), r.ids(), m -> requeue(m, effects));
        } else if (command instanceof QuorumCommand.Discard d) {
            forEachUnsettled(d.consumer(), d.ids(), m -> deadLetter(m, "rejected", effects));
        } else if (command instanceof QuorumCommand.NodeDown n) {
            for (String key : List.copyOf(consumers.keySet())) {
                if (consumers.get(key).node == n.node()) {
                    cancel(key, effects);
                }
            }
        } else if (command instanceof QuorumCommand.DeadLettered dl) {
            dl.ids().forEach(deadLetters::remove);
        } else if (command instanceof QuorumCommand.Dequeue d) {
            dequeue(d, effects);
        } else if (command instanceof QuorumCommand.Expire x) {
            for (Message head = head(); head != null && head.expiresAt <= x.now(); head = head()) {
                deadLetter(messages.get(takeHead()), "expired", effects);
            }
        } else if (command instanceof QuorumCommand.Purge) {
            long count = returned.size() + ready.size();
            returned.forEach(messages::remove);
            ready.forEach(messages::remove);
            returned.clear();
            ready.clear();
            readyBytes = 0;
            effects.add(new QuorumEffect.Purged(count));
        }
        dispatch(effects);
        return effects;
    }

    private void enqueue(QuorumCommand.Enqueue e, List<QuorumEffect> effects) {
        if (limits.rejectPublish() && limits.full(readyCount(), readyBytes, e.size())) {
            effects.add(new QuorumEffect.Refused());
            return;
        }
        long id = nextId++;
        messages.put(id, new Message(id, e.payload(), e.size(), e.expiresAt()));
        ready.addLast(id);
        readyBytes += e.size();
        while (limits.any() && readyCount() > 0 && limits.over(readyCount(), readyBytes)) {
            deadLetter(messages.get(takeHead()), "maxlen", effects); // drop-head: the oldest ready message makes room
        }
    }

    /** The next waiting message (returned ones first), left where it is; null when none waits. */
    private Message head() {
        Long id = !returned.isEmpty() ? returned.first() : ready.peekFirst();
        return id == null ? null : messages.get(id);
    }

    /** When the next waiting message expires ({@link Long#MAX_VALUE}: none waits, or it never does): the leader's cue for an {@code Expire}. */
    public long headExpiresAt() {
        Message m = head();
        return m == null ? Long.MAX_VALUE : m.expiresAt;
    }

    /** Takes the next waiting message (returned ones first): its id, or null when none waits. */
    private Long takeHead() {
        Long id = !returned.isEmpty() ? returned.pollFirst() : ready.pollFirst();
        if (id != null) {
            readyBytes -= messages.get(id).size;
        }
        return id;
    }

    private void dequeue(QuorumCommand.Dequeue d, List<QuorumEffect> effects) {
        Long id = takeHead();
        if (id == null) {
            effects.add(new QuorumEffect.Dequeued(d.consumer(), d.node(), -1, null, 0, 0));
            return;
        }
        Message m = messages.get(id);
        if (d.settled()) {
            messages.remove(id);
        } else {
            Consumer holder = consumers.computeIfAbsent(d.consumer(), k -> new Consumer(k, d.node(), -1));
            holder.unsettled.add(id);
            m.checkedOutBy = holder.key;
        }
        effects.add(new QuorumEffect.Dequeued(d.consumer(), d.node(), id, m.payload, m.deliveryCount, readyCount()));
    }

    private void cancel(String key, List<QuorumEffect> effects) {
        Consumer c = consumers.remove(key);
        if (c == null) {
            return;
        }
        if (key.equals(lastServed)) {
            lastServed = null;
        }
        for (Long id : c.unsettled) {
            requeue(messages.get(id), effects);
        }
    }

    /** Applies {@code action} to each of {@code ids} that {@code consumer} has unsettled; others are ignored (a retried or stale command). */
    private void forEachUnsettled(String consumer, List<Long> ids, java.util.function.Consumer<Message> action) {
        Consumer c = consumers.get(consumer);
        if (c == null) {
            return;
        }
        for (Long id : ids) {
            if (c.unsettled.remove(id)) {
                Message m = messages.get(id);
                m.checkedOutBy = null;
                action.accept(m);
            }
        }
        if (c.getOnly() && c.unsettled.isEmpty()) {
            consumers.remove(consumer); // a stopped consumer or basic.get holder lasts while it holds something
        }
    }

    /** A failed delivery attempt: back to the queue, or dead-lettered once over the delivery limit. */
    private void requeue(Message m, List<QuorumEffect> effects) {
        m.checkedOutBy = null;
        m.deliveryCount++;
        if (deliveryLimit >= 0 && m.deliveryCount > deliveryLimit) {
            deadLetter(m, "delivery_limit", effects);
            return;
        }
        returned.add(m.id);
        readyBytes += m.size;
    }

    private void deadLetter(Message m, String reason, List<QuorumEffect> effects) {
        messages.remove(m.id);
        QuorumEffect.DeadLetter dl = new QuorumEffect.DeadLetter(m.id, m.payload, reason, m.deliveryCount);
        deadLetters.put(m.id, dl);
        effects.add(dl);
    }

    private void dispatch(List<QuorumEffect> effects) {
        while (!returned.isEmpty() || !ready.isEmpty()) {
            Consumer c = nextWithRoom();
            if (c == null) {
                return;
            }
            Long id = takeHead();
            Message m = messages.get(id);
            m.checkedOutBy = c.key;
            c.unsettled.add(id);
            lastServed = c.key;
            effects.add(new QuorumEffect.Deliver(c.key, c.node, id, m.payload, m.deliveryCount));
        }
    }

    /** The next consumer with room, round robin from the one after the last served; the first only with single active consumer. */
    private Consumer nextWithRoom() {
        if (consumers.isEmpty()) {
            return null;
        }
        if (singleActiveConsumer) {
            for (Consumer active : consumers.values()) {
                if (!active.getOnly()) {
                    return active.hasRoom() ? active : null;
                }
            }
            return null;
        }
        List<Consumer> order = new ArrayList<>(consumers.values());
        int start = 0;
        if (lastServed != null) {
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).key.equals(lastServed)) {
                    start = i + 1;
                    break;
                }
            }
        }
        for (int i = 0; i < order.size(); i++) {
            Consumer c = order.get((start + i) % order.size());
            if (c.hasRoom()) {
                return c;
            }
        }
        return null;
    }

    // ---- snapshots (a Raft snapshot holds one; a member that installs it goes on from there) ----

    /** The whole state, as of now: what a member needs to go on applying the log from here. */
    public QuorumQueueSnapshot snapshot() {
        List<QuorumQueueSnapshot.MessageState> ms = new ArrayList<>(messages.size());
        messages.values().forEach(m -> ms.add(new QuorumQueueSnapshot.MessageState(m.id, m.payload, m.size, m.expiresAt, m.deliveryCount, m.checkedOutBy)));
        List<QuorumQueueSnapshot.ConsumerState> cs = new ArrayList<>(consumers.size());
        consumers.values().forEach(c -> cs.add(new QuorumQueueSnapshot.ConsumerState(c.key, c.node, c.prefetch, List.copyOf(c.unsettled))));
        List<QuorumQueueSnapshot.DeadLetterState> dls = new ArrayList<>(deadLetters.size());
        deadLetters.values().forEach(d -> dls.add(new QuorumQueueSnapshot.DeadLetterState(d.id(), d.payload(), d.reason(), d.deliveryCount())));
        return new QuorumQueueSnapshot(deliveryLimit, singleActiveConsumer, limits, nextId, lastServed, ms, List.copyOf(returned), List.copyOf(ready), cs,
                dls);
    }

    /** A machine in the state {@code s} describes. */
    public static QuorumQueueMachine restore(QuorumQueueSnapshot s) {
        QuorumQueueMachine q = new QuorumQueueMachine(s.deliveryLimit(), s.singleActiveConsumer(), s.limits());
        q.nextId = s.nextId();
        q.lastServed = s.lastServed();
        for (QuorumQueueSnapshot.MessageState m : s.messages()) {
            Message message = new Message(m.id(), m.payload(), m.size(), m.expiresAt());
            message.deliveryCount = m.deliveryCount();
            message.checkedOutBy = m.holder();
            q.messages.put(m.id(), message);
        }
        for (QuorumQueueSnapshot.DeadLetterState d : s.deadLetters()) {
            q.deadLetters.put(d.id(), new QuorumEffect.DeadLetter(d.id(), d.payload(), d.reason(), d.deliveryCount()));
        }
        q.returned.addAll(s.returned());
        q.ready.addAll(s.ready());
        for (Long id : q.returned) {
            q.readyBytes += q.messages.get(id).size;
        }
        for (Long id : q.ready) {
            q.readyBytes += q.messages.get(id).size;
        }
        for (QuorumQueueSnapshot.ConsumerState c : s.consumers()) {
            Consumer consumer = new Consumer(c.key(), c.node(), c.prefetch());
            consumer.unsettled.addAll(c.unsettled());
            q.consumers.put(c.key(), consumer);
        }
        return q;
    }

    // ---- what the management API and tests read ----

    /** Messages waiting for a consumer. */
    public long readyCount() {
        return returned.size() + ready.size();
    }

    /** Body bytes of the messages waiting for a consumer. */
    public long readyBytes() {
        return readyBytes;
    }

    /** Messages delivered and not settled yet. */
    public long unsettledCount() {
        return messages.size() - readyCount();
    }

    /** The consumer that has message {@code id}, or null (waiting, or gone). */
    public String holderOf(long id) {
        Message m = messages.get(id);
        return m == null ? null : m.checkedOutBy;
    }

    /** Dead-lettered messages whose arrival is not confirmed yet, oldest first. */
    public List<QuorumEffect.DeadLetter> pendingDeadLetters() {
        return List.copyOf(deadLetters.values());
    }

    /** Consumers, {@code basic.get} holders not counted. */
    public int consumerCount() {
        int n = 0;
        for (Consumer c : consumers.values()) {
            if (!c.getOnly()) {
                n++;
            }
        }
        return n;
    }

    /** Whether message {@code id} is still in the queue. */
    public boolean contains(long id) {
        return messages.containsKey(id);
    }

    /** Each consumer with its unsettled message ids, in checkout order. */
    public Map<String, List<Long>> unsettledByConsumer() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        consumers.forEach((k, c) -> out.put(k, List.copyOf(c.unsettled)));
        return out;
    }
}
