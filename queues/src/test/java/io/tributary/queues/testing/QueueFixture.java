package io.tributary.queues.testing;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.TopologyListener;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageFormat;
import io.tributary.exchanges.message.MessageFormats;
import io.tributary.exchanges.message.MessageProperties;
import io.tributary.exchanges.type.ExchangeTypeRegistry;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.logstore.flush.LogFlusher;
import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.time.Time;
import io.tributary.queues.Queue;
import io.tributary.queues.QueueEnvironment;
import io.tributary.queues.QueueFactory;
import io.tributary.queues.store.QueueStores;
import io.tributary.queues.store.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Queues on the calling thread (every step is deterministic), a manual clock, a real flusher and
 * journals in a temporary directory. {@link #restart()} reopens the journals as a broker start does.
 */
public final class QueueFixture implements AutoCloseable {
    /** Properties as a tiny text format, so tests can set the few that queues read. */
    public static final MessageFormat FORMAT = new MessageFormat() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public MessageProperties decode(byte[] encoded) {
            String s = new String(encoded, StandardCharsets.UTF_8);
            Integer mode = s.contains("persistent") ? 2 : null;
            Integer prio = null;
            String expiration = null;
            for (String part : s.split(";")) {
                if (part.startsWith("priority=")) {
                    prio = Integer.parseInt(part.substring(9));
                } else if (part.startsWith("expiration=")) {
                    expiration = part.substring(11);
                }
            }
            return new MessageProperties(null, null, null, mode, prio, null, null, expiration, null, null, null, null, null, null);
        }

        @Override
        public byte[] encode(MessageProperties p) {
            StringBuilder b = new StringBuilder();
            if (p.persistent()) {
                b.append("persistent;");
            }
            if (p.priority() != null) {
                b.append("priority=").append(p.priority()).append(';');
            }
            if (p.expiration() != null) {
                b.append("expiration=").append(p.expiration()).append(';');
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
    };

    public final ManualClock clock = new ManualClock();
    public final Path dir;
    private final LogFlusher flusher = new LogFlusher(1, Time.SYSTEM);
    private final StoreSettings settings;
    public final List<Queue> selfDeleted = new ArrayList<>();
    private VirtualHosts vhosts;
    private QueueFactory factory;

    public QueueFixture() throws IOException {
        this(StoreSettings.DEFAULTS);
    }

    public QueueFixture(StoreSettings settings) throws IOException {
        this.dir = Files.createTempDirectory("queues-test-");
        this.settings = settings;
        start();
    }

    private void start() {
        Executor inline = Runnable::run;
        QueueStores stores = new QueueStores(dir, settings, new MessageFormats().register(FORMAT), flusher);
        vhosts = new VirtualHosts(ExchangeTypeRegistry.withBuiltIns(), TopologyListener.NONE);
        factory = new QueueFactory(new QueueEnvironment(stores, () -> inline, clock, clock, vhosts, q -> {
            selfDeleted.add(q);
            vhosts.get(q.definition().vhost()).deleteQueue(q);
        }));
    }

    public VirtualHost vhost() {
        return vhosts.get("/");
    }

    /** Declares a queue in vhost "/". */
    public Queue declare(String name, boolean durable, Map<String, Object> args) {
        return (Queue) vhost().declareQueue(new QueueDefinition("/", name, durable, null, false, args), factory).join();
    }

    public Queue declareAutoDelete(String name) {
        return (Queue) vhost().declareQueue(new QueueDefinition("/", name, false, null, true, null), factory).join();
    }

    /** Closes every queue as a broker shutdown does, and opens the durable ones again from their journals. */
    public void restart() {
        reopen(true);
    }

    /**
     * As a {@code kill -9}: the queues are abandoned without closing (what they wrote is in the
     * page cache, nothing more), and the durable ones are opened again from their journals.
     */
    public void crash() {
        reopen(false);
    }

    private void reopen(boolean clean) {
        List<QueueDefinition> durable = new ArrayList<>();
        for (var d : vhost().destinations()) {
            if (clean) {
                ((Queue) d).close().join();
            } else {
                ((Queue) d).stats().join();
            }
            if (d.definition().durable()) {
                durable.add(d.definition());
            }
        }
        start();
        for (QueueDefinition d : durable) {
            vhost().declareQueue(d, factory.recovering()).join();
        }
    }

    /** The queue of that name, as recovered. */
    public Queue queue(String name) {
        return (Queue) vhost().destination(name);
    }

    public static Message msg(String body) {
        return msg(body, "");
    }

    /** A message with properties in the test format, e.g. "persistent;priority=3;expiration=100". */
    public static Message msg(String body, String props) {
        return new Message(FORMAT, props.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8), "", "q", 0);
    }

    public static Message persistent(String body) {
        return msg(body, "persistent;");
    }

    public static String text(Message m) {
        return new String(m.bodyArray(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        for (var d : vhost().destinations()) {
            ((Queue) d).close().join();
        }
        flusher.close();
        FileOps.deleteRecursively(dir);
    }
}
