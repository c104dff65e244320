package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.Setting;
import io.tributary.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEverySettingWithItsDefaultAndEnvironmentVariable() {
        assertThat(run(Map.of(), "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        for (Setting<?> s : Settings.all()) {
            assertThat(help).contains("--" + s.name()).contains(s.envName());
        }
        assertThat(help).contains("Default: 9092");
    }

    @Test
    void badSettingIsOneLineAndExitCodeTwo() {
        assertThat(run(Map.of(), "--kafka.port=notaport")).isEqualTo(2);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message.strip().lines()).hasSize(1);
        assertThat(message).startsWith("tributary: setting 'kafka.port': 'notaport' is not a whole number");
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertThat(run(Map.of(), "--kafka.prot=1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tributary: Unknown option: '--kafka.prot=1'");
    }

    @Test
    void badEnvironmentVariableIsOneLineAndExitCodeTwo() {
        assertThat(run(Map.of("TRIBUTARY_AMQP_PORT", "-5"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("tributary: setting 'amqp.port': '-5' is out of range: must be between 0 and 65535 (environment variable TRIBUTARY_AMQP_PORT)");
    }
}
