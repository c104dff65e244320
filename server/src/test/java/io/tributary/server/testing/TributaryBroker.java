package io.tributary.server.testing;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ListenerSettings;
import io.tributary.config.NodeSettings;
import io.tributary.server.Broker;
import io.tributary.server.ListenerName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A whole broker in this JVM, on ephemeral ports, with its own temporary data directory: what every
 * end-to-end test starts. {@link #restart()} keeps the data directory, as an operator's restart does.
 *
 * <pre>
 * try (TributaryBroker broker = TributaryBroker.start()) {
 *     producerProps.put("bootstrap.servers", broker.kafkaBootstrap());
 * }
 * </pre>
 */
public final class TributaryBroker implements AutoCloseable {
    private final Path dataDir;
    private final boolean ownsDataDir;
    private BrokerConfig config;
    private Broker broker;

    private TributaryBroker(Path dataDir, boolean ownsDataDir, BrokerConfig config) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.config = config;
    }

    /** Starts a broker with defaults except ephemeral ports, loopback and a fresh temp directory. */
    public static TributaryBroker start() {
        return start(b -> b);
    }

    /** Starts a broker with test defaults, then {@code customize} applied on top. */
    public static TributaryBroker start(UnaryOperator<BrokerConfig.Builder> customize) {
        try {
            Path dir = Files.createTempDirectory("tributary-test-");
            TributaryBroker t = new TributaryBroker(dir, true, customize.apply(testDefaults(dir)).build());
            t.startBroker();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on an existing data directory, which the caller owns (it is kept at close). */
    public static TributaryBroker startIn(Path dataDir, UnaryOperator<BrokerConfig.Builder> customize) {
        TributaryBroker t = new TributaryBroker(dataDir, false, customize.apply(testDefaults(dataDir)).build());
        t.startBroker();
        return t;
    }

    /** The configuration tests start from: loopback, ephemeral ports, few threads. */
    public static BrokerConfig.Builder testDefaults(Path dataDir) {
        return BrokerConfig.builder()
                .set(NodeSettings.DATA_DIR, dataDir)
                .set(NodeSettings.BIND_HOST, "127.0.0.1")
                .set(NodeSettings.ADVERTISED_HOST, "127.0.0.1")
                .set(NodeSettings.IO_THREADS, 2)
                .set(NodeSettings.SHUTDOWN_TIMEOUT_MS, 10_000L)
                .set(ListenerSettings.KAFKA_PORT, 0)
                .set(ListenerSettings.AMQP_PORT, 0)
                .set(ListenerSettings.HTTP_PORT, 0);
    }

    private void startBroker() {
        broker = new Broker(config);
        broker.start();
    }

    /** Stops gracefully and starts again on the same data directory (ports may change). */
    public void restart() {
        broker.shutdown();
        startBroker();
    }

    /** Stops gracefully, keeping the data directory, until {@link #startAgain()}. */
    public void stop() {
        broker.shutdown();
    }

    /** Starts again on the same data directory after {@link #stop()} (ports may change). */
    public void startAgain() {
        startBroker();
    }

    /** Stops gracefully and starts again with a changed configuration, keeping the data directory. */
    public void restart(UnaryOperator<BrokerConfig.Builder> change) {
        broker.shutdown();
        config = change.apply(config.toBuilder()).build();
        startBroker();
    }

    public Broker broker() {
        return broker;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int kafkaPort() {
        return broker.port(ListenerName.KAFKA);
    }

    public int amqpPort() {
        return broker.port(ListenerName.AMQP);
    }

    public int httpPort() {
        return broker.port(ListenerName.HTTP);
    }

    /** {@code bootstrap.servers} for Kafka clients. */
    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort();
    }

    /** {@code amqp://guest:guest@127.0.0.1:port} for AMQP clients. */
    public String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + amqpPort();
    }

    public String httpBase() {
        return "http://127.0.0.1:" + httpPort();
    }

    /** A Kafka producer of string keys and values, with the client's defaults otherwise. */
    public KafkaProducer<String, String> stringProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(p);
    }

    @Override
    public void close() {
        broker.shutdown();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
