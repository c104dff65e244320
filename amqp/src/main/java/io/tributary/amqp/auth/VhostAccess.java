package io.tributary.amqp.auth;

import io.tributary.config.security.VhostPermissions;
import io.tributary.config.security.VhostPermissions.Operation;
import io.tributary.exchanges.error.AccessRefusedException;

/**
 * One connection's permissions in its virtual host, checked by RabbitMQ's rules (its access-control
 * guide): configure to declare or delete, write to publish to an exchange or bind to a queue or
 * destination exchange, read to consume, get, purge, or bind from a source exchange. The default
 * exchange is checked under the name {@code amq.default}. Immutable.
 */
public final class VhostAccess {
    public static final String DEFAULT_EXCHANGE = "amq.default";

    /** The kind of a resource, as RabbitMQ names it in its refusal. */
    public enum Kind {
        EXCHANGE("exchange"), QUEUE("queue");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final String user;
    private final String vhost;
    private final VhostPermissions permissions;

    public VhostAccess(String user, String vhost, VhostPermissions permissions) {
        this.user = user;
        this.vhost = vhost;
        this.permissions = permissions;
    }

    /** Full access (embedded use without a user store). */
    public static VhostAccess unrestricted(String user, String vhost) {
        return new VhostAccess(user, vhost, null);
    }

    /**
     * @throws AccessRefusedException "access to queue 'q' in vhost '/' refused for user 'u'" when not allowed
     */
    public void check(Operation operation, Kind kind, String name) {
        String resource = kind == Kind.EXCHANGE && name.isEmpty() ? DEFAULT_EXCHANGE : name;
        if (permissions != null && !permissions.allows(operation, resource)) {
            throw new AccessRefusedException("access to " + kind.label + " '" + resource + "' in vhost '" + vhost + "' refused for user '"
                    + user + "'");
        }
    }

    public void configure(Kind kind, String name) {
        check(Operation.CONFIGURE, kind, name);
    }

    public void write(Kind kind, String name) {
        check(Operation.WRITE, kind, name);
    }

    public void read(Kind kind, String name) {
        check(Operation.READ, kind, name);
    }

    public String user() {
        return user;
    }

    public String vhost() {
        return vhost;
    }
}
