package io.tributary.exchanges.message;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message formats a broker knows, by {@link MessageFormat#name()}: stores write a message's
 * format name next to its encoded properties and find the format again here when they read it back.
 * Each protocol registers its format when the broker is composed. Thread-safe.
 */
public final class MessageFormats {
    private final Map<String, MessageFormat> byName = new ConcurrentHashMap<>();

    public MessageFormats register(MessageFormat format) {
        byName.put(format.name(), format);
        return this;
    }

    /** True when a format of that name was registered. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** @throws IllegalArgumentException when no format of that name was registered */
    public MessageFormat byName(String name) {
        MessageFormat f = byName.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown message format '" + name + "'");
        }
        return f;
    }
}
