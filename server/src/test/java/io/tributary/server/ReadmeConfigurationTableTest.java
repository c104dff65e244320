package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.Setting;
import io.tributary.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every setting, with its environment variable. */
class ReadmeConfigurationTableTest {
    @Test
    void everySettingIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting<?> s : Settings.all()) {
            assertThat(readme).as("README row for %s", s.name()).contains("| `" + s.name() + "` |").contains("`" + s.envName() + "`");
        }
    }
}
