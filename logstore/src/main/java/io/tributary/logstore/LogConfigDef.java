package io.tributary.logstore;

import io.tributary.config.Setting;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One topic config: its Kafka name, its type, the broker setting that gives its default, and how
 * to parse and check a value. {@link LogConfigDefs} lists them all.
 *
 * @param <T> the parsed value's type
 */
public final class LogConfigDef<T> {
    /** The type, as Kafka's DescribeConfigs reports it. */
    public enum Type { BOOLEAN, INT, LONG, DOUBLE, STRING, LIST }

    private final String name;
    private final Type type;
    private final Setting<?> brokerSetting;
    private final Function<String, T> parser;
    private final String doc;

    private LogConfigDef(String name, Type type, Setting<?> brokerSetting, Function<String, T> parser, String doc) {
        this.name = name;
        this.type = type;
        this.brokerSetting = brokerSetting;
        this.parser = parser;
        this.doc = doc;
    }

    static LogConfigDef<Long> ofLong(String name, Setting<?> broker, long min, long max) {
        return new LogConfigDef<>(name, Type.LONG, broker, raw -> checkRange(name, parseLong(name, raw), min, max), broker.doc());
    }

    static LogConfigDef<Integer> ofInt(String name, Setting<?> broker, int min, int max) {
        return new LogConfigDef<>(name, Type.INT, broker, raw -> {
            long v = checkRange(name, parseLong(name, raw), min, max);
            return (int) v;
        }, broker.doc());
    }

    static LogConfigDef<Double> ofDouble(String name, Setting<?> broker, double min, double max) {
        return new LogConfigDef<>(name, Type.DOUBLE, broker, raw -> {
            double v;
            try {
                v = Double.parseDouble(raw.trim());
            } catch (NumberFormatException e) {
                throw invalid(name, raw, "is not a number");
            }
            if (!(v >= min && v <= max)) {
                throw invalid(name, raw, "must be between " + min + " and " + max);
            }
            return v;
        }, broker.doc());
    }

    static LogConfigDef<String> ofChoice(String name, Setting<?> broker, List<String> allowed) {
        return new LogConfigDef<>(name, Type.STRING, broker, raw -> {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(raw.trim())) {
                    return a;
                }
            }
            throw invalid(name, raw, "must be one of " + String.join(", ", allowed));
        }, broker.doc());
    }

    /** Free text (names of things outside the log store, such as an AMQP exchange). */
    static LogConfigDef<String> ofText(String name, Setting<?> broker) {
        return new LogConfigDef<>(name, Type.STRING, broker, String::trim, broker.doc());
    }

    /** A comma-separated, non-empty list whose items come from {@code allowed}; parsed to a set. */
    static LogConfigDef<Set<String>> ofList(String name, Setting<?> broker, List<String> allowed) {
        return new LogConfigDef<>(name, Type.LIST, broker, raw -> {
            Set<String> items = new LinkedHashSet<>();
            for (String item : raw.split(",")) {
                String v = item.trim().toLowerCase(Locale.ROOT);
                if (!allowed.contains(v)) {
                    throw invalid(name, raw, "items must be among " + String.join(", ", allowed));
                }
                items.add(v);
            }
            if (items.isEmpty()) {
                throw invalid(name, raw, "must name at least one of " + String.join(", ", allowed));
            }
            return Set.copyOf(items);
        }, broker.doc());
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The broker setting whose value is this config's default. */
    public Setting<?> brokerSetting() {
        return brokerSetting;
    }

    public String doc() {
        return doc;
    }

    /**
     * Parses and checks a textual value.
     *
     * @throws InvalidConfigException naming the config when the value is not acceptable
     */
    public T parse(String raw) {
        if (raw == null) {
            throw invalid(name, "null", "needs a value");
        }
        return parser.apply(raw);
    }

    /** The canonical text of a parsed value, as DescribeConfigs shows it. */
    public String format(Object value) {
        if (value instanceof Set<?> set) {
            return String.join(",", set.stream().map(String::valueOf).sorted().toList());
        }
        return String.valueOf(value);
    }

    private static long parseLong(String name, String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, raw, "is not a whole number");
        }
    }

    private static long checkRange(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw invalid(name, Long.toString(v), "must be between " + min + " and " + max);
        }
        return v;
    }

    static InvalidConfigException invalid(String name, String raw, String why) {
        return new InvalidConfigException("invalid value '" + raw + "' for topic config " + name + ": " + why);
    }

    @Override
    public String toString() {
        return name + " (" + type.name().toLowerCase(Locale.ROOT) + ")";
    }

    static List<String> words(String... w) {
        return Arrays.asList(w);
    }
}
