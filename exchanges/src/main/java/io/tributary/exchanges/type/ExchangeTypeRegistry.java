package io.tributary.exchanges.type;

import io.tributary.exchanges.error.CommandInvalidException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The exchange types a broker knows: the four built-ins, plus any found by {@link ServiceLoader}. */
public final class ExchangeTypeRegistry {
    private final Map<String, ExchangeType> types = new ConcurrentHashMap<>();

    /** The built-in types and every {@link ExchangeType} service on the class path. */
    public static ExchangeTypeRegistry withBuiltIns() {
        ExchangeTypeRegistry r = new ExchangeTypeRegistry();
        r.register(new DirectExchangeType());
        r.register(new FanoutExchangeType());
        r.register(new TopicExchangeType());
        r.register(new HeadersExchangeType());
        ServiceLoader.load(ExchangeType.class).forEach(r::register);
        return r;
    }

    public void register(ExchangeType type) {
        types.put(type.name(), type);
    }

    /** @throws CommandInvalidException for an unknown type name, as RabbitMQ answers */
    public ExchangeType get(String name) {
        ExchangeType t = types.get(name);
        if (t == null) {
            throw new CommandInvalidException("unknown exchange type '" + name + "'");
        }
        return t;
    }

    public Set<String> names() {
        return Set.copyOf(types.keySet());
    }
}
