package io.tributary.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of every setting the broker knows. {@code --help}, the environment mapping and
 * unknown-key detection all come from here, so a setting that is not registered does not exist.
 * Each area keeps its settings in its own {@code *Settings} class; add the area's list here.
 */
public final class Settings {
    private static final List<Setting<?>> ALL;
    private static final Map<String, Setting<?>> BY_NAME;

    static {
        List<Setting<?>> all = new ArrayList<>();
        all.addAll(NodeSettings.all());
        all.addAll(ListenerSettings.all());
        all.addAll(LogSettings.all());
        all.addAll(KafkaSettings.all());
        all.addAll(AmqpSettings.all());
        all.addAll(QueueSettings.all());
        all.addAll(SecuritySettings.all());
        all.addAll(LimitSettings.all());
        all.addAll(ManagementSettings.all());
        all.addAll(ClusterSettings.all());
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        for (Setting<?> s : all) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalStateException("setting registered twice: " + s.name());
            }
        }
        ALL = Collections.unmodifiableList(all);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private Settings() {
    }

    public static List<Setting<?>> all() {
        return ALL;
    }

    public static Optional<Setting<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The registered name closest to a misspelt one, for "did you mean" hints. */
    public static Optional<String> closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : BY_NAME.keySet()) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
