package io.tributary.exchanges.type;

import io.tributary.exchanges.Arguments;
import io.tributary.exchanges.error.PreconditionFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One headers-exchange binding, parsed once: the {@code x-match} mode and the (key, value) pairs
 * to compare. A null value (AMQP void) only asks for the header to be present. Keys starting with
 * {@code x-} take part only in the {@code -with-x} modes, as in RabbitMQ 3.10.
 */
final class HeadersMatch {
    private final boolean all;
    private final String[] keys;
    private final Object[] values;

    private HeadersMatch(boolean all, String[] keys, Object[] values) {
        this.all = all;
        this.keys = keys;
        this.values = values;
    }

    static HeadersMatch parse(Map<String, Object> bindingArguments) {
        Object mode = bindingArguments.get("x-match");
        String m = mode == null ? "all" : mode.toString();
        boolean withX;
        boolean all;
        switch (m) {
            case "all": all = true; withX = false; break;
            case "any": all = false; withX = false; break;
            case "all-with-x": all = true; withX = true; break;
            case "any-with-x": all = false; withX = true; break;
            default:
                throw new PreconditionFailedException("Invalid x-match field value <<\"" + m
                        + "\">>; expected all, any, all-with-x, or any-with-x");
        }
        List<String> k = new ArrayList<>();
        List<Object> v = new ArrayList<>();
        for (Map.Entry<String, Object> e : bindingArguments.entrySet()) {
            if (e.getKey().equals("x-match") || (!withX && e.getKey().startsWith("x-"))) {
                continue;
            }
            k.add(e.getKey());
            v.add(e.getValue());
        }
        return new HeadersMatch(all, k.toArray(new String[0]), v.toArray());
    }

    boolean matches(Map<String, Object> headers) {
        if (keys.length == 0) {
            return all;
        }
        for (int i = 0; i < keys.length; i++) {
            boolean hit = headers != null && headers.containsKey(keys[i])
                    && (values[i] == null || Arguments.equivalent(values[i], headers.get(keys[i])));
            if (hit && !all) {
                return true;
            }
            if (!hit && all) {
                return false;
            }
        }
        return all;
    }
}
