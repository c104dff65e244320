package io.tributary.config.security;

import java.net.SocketAddress;
import java.util.Optional;
import java.util.Set;

/**
 * The broker's users as every protocol sees them. One implementation serves AMQP 0-9-1 (PLAIN,
 * AMQPLAIN), AMQP 1.0 (SASL PLAIN), Kafka (SASL PLAIN and SCRAM) and the HTTP API (Basic).
 *
 * <p>Failed logins count against the remote address ({@link #loginFailed}); an address with too many
 * recent failures is refused at once, whatever it sends, until the window passes.
 */
public interface UserDirectory {
    /** The SCRAM mechanisms a password is kept for. */
    String SCRAM_SHA_256 = "SCRAM-SHA-256";
    String SCRAM_SHA_512 = "SCRAM-SHA-512";

    /**
     * Checks a user name and password from {@code remote}.
     *
     * @return the user name
     * @throws LoginRefusedException when refused (the failure is counted)
     */
    String authenticate(String username, String password, SocketAddress remote);

    /**
     * Checks whether {@code username} (already proven by SCRAM or a client certificate) may log in
     * from {@code remote}: it exists (for certificates), is not a loopback-only user on a remote
     * address, and the address is not throttled.
     *
     * @throws LoginRefusedException when not
     */
    void checkLogin(String username, SocketAddress remote, boolean mustExist);

    /** Records a failed login from {@code remote} that this directory did not see (a SCRAM proof that failed). */
    void loginFailed(SocketAddress remote, String reason);

    /** The SCRAM secrets of a user for {@code mechanism}, when the user exists and has a password. */
    Optional<ScramSecret> scramSecret(String username, String mechanism);

    /** The user's permissions in {@code vhost}, or empty when the user has none there. */
    Optional<VhostPermissions> permissions(String username, String vhost);

    /** The user's tags ({@code administrator}, {@code management}, {@code monitoring}, ...); empty for an unknown user. */
    Set<String> tags(String username);

    /** Whether the user exists. */
    boolean exists(String username);
}
