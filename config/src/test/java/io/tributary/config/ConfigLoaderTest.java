package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("tributary.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        BrokerConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(c.get(ListenerSettings.KAFKA_PORT)).isEqualTo(9092);
        assertThat(c.get(ListenerSettings.AMQP_PORT)).isEqualTo(5672);
        assertThat(c.get(ListenerSettings.HTTP_PORT)).isEqualTo(15672);
        assertThat(c.get(NodeSettings.DATA_DIR)).isEqualTo(Path.of("./data"));
        assertThat(c.source(ListenerSettings.KAFKA_PORT)).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void fileBeatsDefaultsEnvironmentBeatsFileCommandLineBeatsAll() throws IOException {
        Path f = yaml("kafka:\n  port: 19092\namqp.port: 15673\nhttp:\n  port: 25672\nnode.id: 7\n");
        Map<String, String> env = Map.of("TRIBUTARY_AMQP_PORT", "25673", "TRIBUTARY_HTTP_PORT", "35672", "PATH", "/bin");
        Map<String, String> cli = Map.of("http.port", "45672");

        BrokerConfig c = ConfigLoader.load(f, env, cli);

        assertThat(c.get(NodeSettings.NODE_ID)).isEqualTo(7);
        assertThat(c.source(NodeSettings.NODE_ID)).isEqualTo(ConfigSource.FILE);
        assertThat(c.get(ListenerSettings.KAFKA_PORT)).isEqualTo(19092);
        assertThat(c.get(ListenerSettings.AMQP_PORT)).isEqualTo(25673);
        assertThat(c.source(ListenerSettings.AMQP_PORT)).isEqualTo(ConfigSource.ENVIRONMENT);
        assertThat(c.get(ListenerSettings.HTTP_PORT)).isEqualTo(45672);
        assertThat(c.source(ListenerSettings.HTTP_PORT)).isEqualTo(ConfigSource.COMMAND_LINE);
    }

    @Test
    void unknownKeyInFileNamesItAndSuggestsTheNearestSetting() throws IOException {
        Path f = yaml("kafka:\n  prot: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'kafka.prot'")
                .hasMessageContaining("unknown setting")
                .hasMessageContaining("did you mean 'kafka.port'");
    }

    @Test
    void wrongTypeNamesTheSettingAndTheSource() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TRIBUTARY_KAFKA_PORT", "ninety"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting 'kafka.port': 'ninety' is not a whole number (environment variable TRIBUTARY_KAFKA_PORT)");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auto.create.topics.enable", "maybe")))
                .hasMessageContaining("'auto.create.topics.enable'")
                .hasMessageContaining("not a boolean");
    }

    @Test
    void impossibleValueIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("amqp.port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'amqp.port'")
                .hasMessageContaining("between 0 and 65535");
    }

    @Test
    void unknownEnvironmentVariableWithOurPrefixIsAnErrorButLauncherVariablesAreNot() {
        assertThat(ConfigLoader.load(null, Map.of("TRIBUTARY_JAVA_OPTS", "-Xmx1g"), Map.of()).get(ListenerSettings.KAFKA_PORT))
                .isEqualTo(9092);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TRIBUTARY_KAFKA_PROT", "1"), Map.of()))
                .hasMessageContaining("TRIBUTARY_KAFKA_PROT")
                .hasMessageContaining("did you mean TRIBUTARY_KAFKA_PORT");
    }

    @Test
    void missingOrMalformedFileIsAClearError() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
                .hasMessageContaining("does not exist");
        Path bad = yaml("kafka: [port: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        assertThat(ConfigLoader.load(yaml(""), Map.of(), Map.of()).get(ListenerSettings.KAFKA_PORT)).isEqualTo(9092);
    }

    @Test
    void everySettingHasDocumentationAndAnEnvironmentName() {
        assertThat(Settings.all()).allSatisfy(s -> {
            assertThat(s.doc()).isNotBlank();
            assertThat(s.envName()).matches("TRIBUTARY_[A-Z0-9_]+");
        });
    }

    @Test
    void embeddedBuilderValidatesToo() {
        assertThatThrownBy(() -> BrokerConfig.builder().set(ListenerSettings.KAFKA_PORT, -1))
                .hasMessageContaining("'kafka.port'");
        BrokerConfig c = BrokerConfig.builder().set(ListenerSettings.KAFKA_PORT, 0).build();
        assertThat(c.get(ListenerSettings.KAFKA_PORT)).isZero();
        assertThat(c.toBuilder().set(ListenerSettings.AMQP_PORT, 1).build().get(ListenerSettings.KAFKA_PORT)).isZero();
    }
}
