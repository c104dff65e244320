package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.PERSISTENT;
import static io.tributary.server.e2e.queues.Rabbit.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.tributary.server.testing.PackagedBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged broker under a confirming publisher of persistent messages and an acking consumer,
 * killed with SIGKILL at random moments, several times. After every restart: each confirmed message
 * was consumed or is still in the queue; a message seen twice was flagged redelivered the second
 * time; first deliveries arrive in publish order.
 */
class QueueCrashIT {
    private static final int ROUNDS = 4;
    private static final String QUEUE = "crash";

    @TempDir
    Path tmp;

    private final Set<Integer> confirmed = ConcurrentHashMap.newKeySet();
    private final List<int[]> deliveries = new CopyOnWriteArrayList<>();

    @Test
    void confirmedMessagesSurviveKillMinusNineExactlyOnceUnlessRedelivered() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        AtomicInteger nextId = new AtomicInteger();
        try (PackagedBroker broker = new PackagedBroker(tmp.resolve("data"))) {
            broker.start();
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.queueDeclare(QUEUE, true, false, false, null);
            }
            for (int round = 0; round < ROUNDS; round++) {
                int killAfter = 300 + random.nextInt(1_500);
                runUntilKilled(broker, nextId, killAfter, random.nextBoolean());
                broker.start();
                checkInvariants(seed, false);
                checkNothingConfirmedIsMissing(broker, seed);
            }
            drainRemaining(broker);
        }
        checkInvariants(seed, true);
    }

    /** Publishes and consumes until {@code killAfter} more messages were confirmed, then kills the broker. */
    private void runUntilKilled(PackagedBroker broker, AtomicInteger nextId, int killAfter, boolean slowConsumer) throws Exception {
        int target = confirmed.size() + killAfter;
        AtomicBoolean stop = new AtomicBoolean();
        Connection pc = Rabbit.connect(broker.amqpPort());
        Connection cc = Rabbit.connect(broker.amqpPort());
        Thread publisher = new Thread(() -> publish(pc, nextId, stop), "crash-publisher");
        Channel consumer = cc.createChannel();
        consumer.basicQos(slowConsumer ? 5 : 200);
        consumer.basicConsume(QUEUE, false, new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) throws IOException {
                deliveries.add(new int[] {Integer.parseInt(Rabbit.text(body)), env.isRedeliver() ? 1 : 0});
                getChannel().basicAck(env.getDeliveryTag(), false);
            }
        });
        publisher.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> confirmed.size() >= target || !publisher.isAlive());
        broker.kill();
        stop.set(true);
        publisher.join(10_000);
        pc.abort();
        cc.abort();
    }

    private void publish(Connection c, AtomicInteger nextId, AtomicBoolean stop) {
        NavigableMap<Long, Integer> outstanding = new ConcurrentSkipListMap<>();
        try {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long seq, boolean multiple) {
                    settle(seq, multiple, true);
                }

                @Override
                public void handleNack(long seq, boolean multiple) {
                    settle(seq, multiple, false);
                }

                private void settle(long seq, boolean multiple, boolean ok) {
                    Map<Long, Integer> done = multiple ? outstanding.headMap(seq, true) : outstanding.subMap(seq, true, seq, true);
                    if (ok) {
                        confirmed.addAll(done.values());
                    }
                    done.clear();
                }
            });
            while (!stop.get()) {
                if (outstanding.size() >= 100) {
                    ch.waitForConfirms(5_000);
                    continue;
                }
                int id = nextId.getAndIncrement();
                outstanding.put(ch.getNextPublishSeqNo(), id);
                ch.basicPublish("", QUEUE, PERSISTENT, bytes(Integer.toString(id)));
            }
        } catch (Exception e) {
            // the broker was killed under us: what was confirmed is recorded
        }
    }

    /** Right after a restart: the queue holds at least every confirmed message not consumed yet. */
    private void checkNothingConfirmedIsMissing(PackagedBroker broker, long seed) throws Exception {
        Set<Integer> consumed = new java.util.HashSet<>();
        deliveries.forEach(d -> consumed.add(d[0]));
        long owed = confirmed.stream().filter(id -> !consumed.contains(id)).count();
        try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
            assertThat(ch.queueDeclarePassive(QUEUE).getMessageCount()).as("seed %d: messages after restart", seed)
                    .isGreaterThanOrEqualTo((int) owed);
        }
    }

    private void drainRemaining(PackagedBroker broker) throws Exception {
        try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
            GetResponse g;
            while ((g = ch.basicGet(QUEUE, true)) != null) {
                deliveries.add(new int[] {Integer.parseInt(Rabbit.text(g.getBody())), g.getEnvelope().isRedeliver() ? 1 : 0});
            }
        }
    }

    private void checkInvariants(long seed, boolean everythingConsumed) {
        Map<Integer, Integer> seen = new HashMap<>();
        int lastFirst = -1;
        List<String> problems = new ArrayList<>();
        for (int[] d : deliveries) {
            int times = seen.merge(d[0], 1, Integer::sum);
            if (times > 1 && d[1] == 0) {
                problems.add("message " + d[0] + " delivered again without redelivered");
            }
            if (d[1] == 0) {
                if (d[0] <= lastFirst) {
                    problems.add("first delivery of " + d[0] + " after " + lastFirst);
                }
                lastFirst = d[0];
            }
        }
        if (everythingConsumed) {
            for (int id : confirmed) {
                if (!seen.containsKey(id)) {
                    problems.add("confirmed message " + id + " lost");
                }
            }
        }
        assertThat(problems).as("seed %d, %d confirmed, %d deliveries", seed, confirmed.size(), deliveries.size()).isEmpty();
        assertThat(confirmed).isNotEmpty();
    }
}
