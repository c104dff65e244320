package io.tributary.config.security;

import java.util.regex.Pattern;

/**
 * A user's permissions in one virtual host, as RabbitMQ has them: three regular expressions matched
 * against resource names (exchanges and queues) for the configure, write and read operations. An
 * expression grants a name it matches anywhere, as RabbitMQ's {@code re:run} does (so {@code ^app\.}
 * grants {@code app.q}; anchor both ends to grant exact names). An empty expression matches nothing
 * (RabbitMQ: {@code ""} grants no access).
 */
public record VhostPermissions(String configure, String write, String read) {
    /** Full access, {@code .*} for all three. */
    public static final VhostPermissions ALL = new VhostPermissions(".*", ".*", ".*");

    /** The operation kinds of RabbitMQ's access control. */
    public enum Operation { CONFIGURE, WRITE, READ }

    public VhostPermissions {
        compile(configure);
        compile(write);
        compile(read);
    }

    /** Whether {@code operation} is allowed on the resource {@code name}. */
    public boolean allows(Operation operation, String name) {
        String regex = operation == Operation.CONFIGURE ? configure : operation == Operation.WRITE ? write : read;
        return !regex.isEmpty() && compile(regex).matcher(name).find();
    }

    private static Pattern compile(String regex) {
        return PatternCache.get(regex);
    }
}
