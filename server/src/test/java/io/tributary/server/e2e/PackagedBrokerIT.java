package io.tributary.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.storage.DataDirectory;
import io.tributary.server.testing.PackagedBroker;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as users run it: start, serve, SIGTERM, clean restart; a bad setting. */
class PackagedBrokerIT {
    @TempDir
    Path tmp;

    @Test
    void sigtermExitsZeroAndTheNextStartFindsNothingToRepair() throws Exception {
        try (PackagedBroker broker = new PackagedBroker(tmp.resolve("data"))) {
            broker.start();
            for (int port : new int[] {broker.kafkaPort(), broker.amqpPort(), broker.httpPort()}) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    assertThat(s.isConnected()).isTrue();
                }
            }
            assertThat(broker.log()).contains("Kafka listener on 127.0.0.1:" + broker.kafkaPort())
                    .contains("AMQP listener on 127.0.0.1:" + broker.amqpPort())
                    .contains("HTTP listener on 127.0.0.1:" + broker.httpPort());

            assertThat(broker.terminate(Duration.ofSeconds(30))).isZero();
            assertThat(broker.log()).contains("Stopped").doesNotContain("Exception");
            assertThat(broker.dataDir().resolve(DataDirectory.CLEAN_SHUTDOWN_FILE)).exists();

            broker.start();
            assertThat(broker.log()).contains("previous shutdown was clean");
            assertThat(broker.terminate(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void killMinusNineLeavesAnUncleanMarkerThatTheNextStartReports() throws Exception {
        try (PackagedBroker broker = new PackagedBroker(tmp.resolve("data"))) {
            broker.start();
            broker.kill();
            assertThat(broker.dataDir().resolve(DataDirectory.CLEAN_SHUTDOWN_FILE)).doesNotExist();
            broker.start();
            assertThat(broker.log()).contains("did not shut down cleanly");
            assertThat(broker.terminate(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void impossibleSettingGivesOneLineAndExitCodeTwo() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PackagedBroker.jar().toString(), "--data.dir=" + tmp.resolve("d"), "--http.port=99999")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo("tributary: setting 'http.port': '99999' is out of range: must be between 0 and 65535 (command line --http.port)");
    }
}
