package io.tributary.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One named, typed broker setting with its default and its documentation.
 *
 * <p>A setting knows how to parse its value from text (YAML scalars, environment variables and
 * command-line flags all arrive as text) and how to reject an impossible value. The name is the
 * dotted form used in YAML and on the command line ({@code kafka.port}); the environment variable is
 * derived from it ({@code TRIBUTARY_KAFKA_PORT}).
 *
 * @param <T> the value type
 */
public final class Setting<T> {
    /** Checks a parsed value; returns null when it is acceptable, else a reason. */
    @FunctionalInterface
    public interface Check<T> {
        String problem(T value);
    }

    private final String name;
    private final String typeName;
    private final T defaultValue;
    private final String doc;
    private final Function<String, T> parser;
    private final Check<T> check;

    private Setting(String name, String typeName, T defaultValue, String doc, Function<String, T> parser, Check<T> check) {
        this.name = Objects.requireNonNull(name);
        this.typeName = typeName;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.parser = parser;
        this.check = check;
        String defaultProblem = defaultValue == null ? null : check.problem(defaultValue);
        if (defaultProblem != null) {
            throw new IllegalArgumentException("default of " + name + " is invalid: " + defaultProblem);
        }
    }

    public static Setting<Integer> ofInt(String name, int defaultValue, int min, int max, String doc) {
        return new Setting<>(name, "int", defaultValue, doc, raw -> parseInt(raw), v -> range(v, min, max));
    }

    public static Setting<Long> ofLong(String name, long defaultValue, long min, long max, String doc) {
        return new Setting<>(name, "long", defaultValue, doc, raw -> parseLong(raw), v -> range(v, min, max));
    }

    public static Setting<Boolean> ofBoolean(String name, boolean defaultValue, String doc) {
        return new Setting<>(name, "boolean", defaultValue, doc, Setting::parseBoolean, v -> null);
    }

    public static Setting<String> ofString(String name, String defaultValue, String doc) {
        return new Setting<>(name, "string", defaultValue, doc, raw -> raw, v -> null);
    }

    /** A string setting whose value must be one of {@code allowed}. */
    public static Setting<String> ofChoice(String name, String defaultValue, Set<String> allowed, String doc) {
        return new Setting<>(name, "one of " + String.join("|", allowed), defaultValue, doc, raw -> raw,
                v -> allowed.contains(v) ? null : "must be one of " + String.join(", ", allowed));
    }

    public static Setting<Path> ofPath(String name, String defaultValue, String doc) {
        return new Setting<>(name, "path", Path.of(defaultValue), doc, Path::of, v -> null);
    }

    /** A comma-separated list (a YAML sequence is accepted too). */
    public static Setting<List<String>> ofList(String name, List<String> defaultValue, String doc) {
        return new Setting<>(name, "list", List.copyOf(defaultValue), doc, Setting::parseList, v -> null);
    }

    /** A comma-separated list whose value as a whole is checked by {@code check}. */
    public static Setting<List<String>> ofList(String name, List<String> defaultValue, Check<List<String>> check, String doc) {
        return new Setting<>(name, "list", List.copyOf(defaultValue), doc, Setting::parseList, check);
    }

    public String name() {
        return name;
    }

    public String typeName() {
        return typeName;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** The environment variable that sets this setting, e.g. {@code TRIBUTARY_KAFKA_PORT}. */
    public String envName() {
        return envNameOf(name);
    }

    static String envNameOf(String settingName) {
        return "TRIBUTARY_" + settingName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Parses and checks a textual value.
     *
     * @param origin where the text came from, for the error message
     * @throws ConfigException naming this setting when the text is not a valid value
     */
    public T parse(String raw, String origin) {
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, "'" + raw + "' " + e.getMessage() + " (" + origin + ")");
        }
        validate(value, origin);
        return value;
    }

    /** Checks an already typed value, as given by embedded users and tests. */
    public void validate(T value, String origin) {
        String problem = check.problem(value);
        if (problem != null) {
            throw new ConfigException(name, "'" + value + "' " + problem + " (" + origin + ")");
        }
    }

    /** Renders a value the way it would be written in YAML or on the command line. */
    public String format(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String range(long v, long min, long max) {
        if (v < min || v > max) {
            return "is out of range: must be between " + min + " and " + max;
        }
        return null;
    }

    private static int parseInt(String raw) {
        try {
            return Integer.parseInt(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
    }

    private static long parseLong(String raw) {
        try {
            return Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
    }

    private static boolean parseBoolean(String raw) {
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw new IllegalArgumentException("is not a boolean (true or false)");
        }
    }

    private static List<String> parseList(String raw) {
        if (raw.isBlank()) {
            return List.of();
        }
        return List.of(raw.split("\\s*,\\s*"));
    }
}
