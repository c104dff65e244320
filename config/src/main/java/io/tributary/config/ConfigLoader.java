package io.tributary.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the configuration in rising precedence: defaults, a YAML file, {@code TRIBUTARY_*}
 * environment variables, command-line flags. Every problem becomes a {@link ConfigException} that
 * names the setting.
 *
 * <p>The YAML file may nest keys ({@code kafka: {port: 9092}}) or write them dotted
 * ({@code kafka.port: 9092}); both flatten to the same setting name.
 */
public final class ConfigLoader {
    /** Environment variables with the prefix that belong to the launcher script, not to settings. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("TRIBUTARY_JAVA_OPTS", "TRIBUTARY_HOME", "TRIBUTARY_CONFIG");
    private static final String ENV_PREFIX = "TRIBUTARY_";

    private ConfigLoader() {
    }

    /**
     * @param yamlFile optional configuration file
     * @param environment the process environment (only {@code TRIBUTARY_*} entries are read)
     * @param flags command-line settings by setting name
     */
    public static BrokerConfig load(Path yamlFile, Map<String, String> environment, Map<String, String> flags) {
        BrokerConfig.Builder builder = BrokerConfig.builder();
        if (yamlFile != null) {
            for (Map.Entry<String, String> e : readYaml(yamlFile).entrySet()) {
                builder.setText(e.getKey(), e.getValue(), ConfigSource.FILE, yamlFile.toString());
            }
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String var = e.getKey();
            if (!var.startsWith(ENV_PREFIX) || LAUNCHER_VARIABLES.contains(var)) {
                continue;
            }
            Setting<?> setting = settingForEnv(var);
            builder.setText(setting.name(), e.getValue(), ConfigSource.ENVIRONMENT, "environment variable " + var);
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            builder.setText(e.getKey(), e.getValue(), ConfigSource.COMMAND_LINE, "command line --" + e.getKey());
        }
        return builder.build();
    }

    private static Setting<?> settingForEnv(String var) {
        for (Setting<?> s : Settings.all()) {
            if (s.envName().equals(var)) {
                return s;
            }
        }
        String guess = var.substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        String hint = Settings.closest(guess).map(c -> " (did you mean " + Setting.envNameOf(c) + "?)").orElse("");
        throw new ConfigException(guess, "unknown environment variable " + var + hint);
    }

    /** Reads a YAML file into dotted setting names and their scalar texts. */
    static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigException("--config", "file " + file + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException("--config", "file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigException("--config", "file " + file + " must hold a mapping of settings");
        }
        flatten("", root, out, file);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject() && Settings.byName(name).isEmpty()) {
                flatten(name, v, out, file);
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                out.put(name, String.join(",", items));
            } else if (v.isValueNode()) {
                out.put(name, v.isNull() ? "" : v.asText());
            } else {
                throw new ConfigException(name, "expected a single value in " + file);
            }
        }
    }
}
