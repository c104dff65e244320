package io.tributary.amqp.auth;

/**
 * Virtual-host access of authenticated users, asked once when a connection opens its vhost. The
 * server answers from its user store; {@link #ALLOW_ALL} is for embedded use without one.
 */
@FunctionalInterface
public interface AccessControl {
    AccessControl ALLOW_ALL = (user, vhost) -> VhostAccess.unrestricted(user, vhost);

    /** What {@code user} may do in {@code vhost}, or null when the user has no access to it at all. */
    VhostAccess vhostAccess(String user, String vhost);
}
