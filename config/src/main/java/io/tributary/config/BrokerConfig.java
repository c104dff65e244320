package io.tributary.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker's resolved, validated configuration: a value for every registered setting, and where
 * each came from. Immutable; build one with {@link ConfigLoader} (operators) or {@link #builder()}
 * (embedded use and tests).
 */
public final class BrokerConfig {
    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, ConfigSource> sources;

    BrokerConfig(Map<Setting<?>, Object> values, Map<Setting<?>, ConfigSource> sources) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** All defaults. */
    public static BrokerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException("unregistered setting " + setting.name());
        }
        return (T) values.get(setting);
    }

    public ConfigSource source(Setting<?> setting) {
        return sources.getOrDefault(setting, ConfigSource.DEFAULT);
    }

    /** A copy with some settings replaced, as tests do to restart a broker with a change. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        b.sources.putAll(sources);
        return b;
    }

    /** Per-source counts, for the one start-up log line that says where configuration came from. */
    public Map<ConfigSource, Integer> sourceCounts() {
        Map<ConfigSource, Integer> counts = new EnumMap<>(ConfigSource.class);
        for (ConfigSource s : sources.values()) {
            counts.merge(s, 1, Integer::sum);
        }
        return counts;
    }

    /** Builds a configuration from typed values; every value is validated as a file value would be. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();
        private final Map<Setting<?>, ConfigSource> sources = new LinkedHashMap<>();

        Builder() {
            for (Setting<?> s : Settings.all()) {
                values.put(s, s.defaultValue());
                sources.put(s, ConfigSource.DEFAULT);
            }
        }

        public <T> Builder set(Setting<T> setting, T value) {
            return set(setting, value, ConfigSource.EMBEDDED);
        }

        <T> Builder set(Setting<T> setting, T value, ConfigSource source) {
            setting.validate(value, source.name().toLowerCase(java.util.Locale.ROOT));
            values.put(setting, value);
            sources.put(setting, source);
            return this;
        }

        /** Sets a setting by name from text, as the file, environment and command line do. */
        public Builder setText(String name, String raw, ConfigSource source, String origin) {
            Setting<?> setting = Settings.byName(name).orElseThrow(() -> unknown(name, origin));
            values.put(setting, setting.parse(raw, origin));
            sources.put(setting, source);
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(values, sources);
        }

        private static ConfigException unknown(String name, String origin) {
            String hint = Settings.closest(name).map(c -> " (did you mean '" + c + "'?)").orElse("");
            return new ConfigException(name, "unknown setting in " + origin + hint + "; 'tributary --help' lists every setting");
        }
    }
}
