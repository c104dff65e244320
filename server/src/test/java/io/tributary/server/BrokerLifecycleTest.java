package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.config.ConfigException;
import io.tributary.config.ListenerSettings;
import io.tributary.config.NodeSettings;
import io.tributary.server.storage.DataDirectory;
import io.tributary.server.testing.TributaryBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerLifecycleTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private HttpResponse<String> get(TributaryBroker b, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(b.httpBase() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsAllThreeListenersAndServesHealthAndMetrics() throws Exception {
        try (TributaryBroker b = TributaryBroker.start()) {
            assertThat(b.broker().state()).isEqualTo(BrokerState.STARTED);
            for (int port : new int[] {b.kafkaPort(), b.amqpPort(), b.httpPort()}) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    assertThat(s.isConnected()).isTrue();
                }
            }
            HttpResponse<String> health = get(b, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"");

            HttpResponse<String> metrics = get(b, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("node=\"0\"");

            assertThat(get(b, "/no-such-thing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shutdownMarksDataDirectoryCleanAndRestartSeesIt() {
        try (TributaryBroker b = TributaryBroker.start()) {
            Path dir = b.dataDir();
            b.broker().shutdown();
            assertThat(b.broker().state()).isEqualTo(BrokerState.STOPPED);
            assertThat(b.broker().lifetime()).isCompleted();
            assertThat(dir.resolve(DataDirectory.CLEAN_SHUTDOWN_FILE)).exists();
            b.broker().shutdown(); // idempotent

            b.restart();
            assertThat(b.broker().state()).isEqualTo(BrokerState.STARTED);
            assertThat(dir.resolve(DataDirectory.CLEAN_SHUTDOWN_FILE)).doesNotExist();
        }
    }

    @Test
    void portInUseNamesTheSettingAndReleasesEverything() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path dir = tmp.resolve("data");
            Broker broker = new Broker(TributaryBroker.testDefaults(dir).set(ListenerSettings.AMQP_PORT, taken.getLocalPort()).build());
            assertThatThrownBy(broker::start)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("setting 'amqp.port': port " + taken.getLocalPort());
            assertThat(broker.state()).isEqualTo(BrokerState.STOPPED);

            // Nothing leaked: the data directory lock and the Kafka port were released.
            Broker again = new Broker(TributaryBroker.testDefaults(dir).build());
            again.start();
            again.shutdown();
        }
    }

    @Test
    void unwritableDataDirectoryNamesTheSetting() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Broker broker = new Broker(TributaryBroker.testDefaults(file.resolve("data")).build());
        assertThatThrownBy(broker::start)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("setting 'data.dir': directory " + file.resolve("data") + " is not writable");
    }

    @Test
    void secondBrokerOnTheSameDataDirectoryIsRefused() {
        try (TributaryBroker b = TributaryBroker.start()) {
            Broker second = new Broker(TributaryBroker.testDefaults(b.dataDir()).build());
            assertThatThrownBy(second::start)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'" + NodeSettings.DATA_DIR.name() + "'")
                    .hasMessageContaining("in use by another Tributary process");
            assertThat(b.broker().state()).isEqualTo(BrokerState.STARTED);
        }
    }

    @Test
    void connectionsBeyondTheListenerLimitAreClosed() throws Exception {
        try (TributaryBroker b = TributaryBroker.start(c -> c.set(ListenerSettings.KAFKA_MAX_CONNECTIONS, 1));
             Socket first = new Socket("127.0.0.1", b.kafkaPort())) {
            await().until(() -> b.broker().openConnections(ListenerName.KAFKA) == 1);
            try (Socket second = new Socket("127.0.0.1", b.kafkaPort())) {
                second.setSoTimeout(5_000);
                assertThat(second.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(b.broker().openConnections(ListenerName.KAFKA)).isEqualTo(1);
            first.close();
            await().until(() -> b.broker().openConnections(ListenerName.KAFKA) == 0);
        }
    }
}
