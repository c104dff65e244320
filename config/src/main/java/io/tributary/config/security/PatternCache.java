package io.tributary.config.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiled permission expressions, shared: permissions are checked on every operation. */
final class PatternCache {
    private static final int MAX = 10_000;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private PatternCache() {
    }

    /** @throws IllegalArgumentException for an expression that does not compile */
    static Pattern get(String regex) {
        Pattern p = CACHE.get(regex);
        if (p == null) {
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid permission expression '" + regex + "': " + e.getDescription(), e);
            }
            if (CACHE.size() < MAX) {
                CACHE.put(regex, p);
            }
        }
        return p;
    }
}
