package io.tributary.server.amqp;

import io.tributary.amqp.auth.AccessControl;
import io.tributary.amqp.auth.AuthenticationException;
import io.tributary.amqp.auth.Authenticator;
import io.tributary.amqp.auth.VhostAccess;
import io.tributary.config.security.LoginRefusedException;
import io.tributary.config.security.UserDirectory;
import io.tributary.config.security.VhostPermissions;
import io.tributary.server.security.UserStore;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The AMQP layers' authenticator and access control over the broker's user store. SASL ANONYMOUS
 * (AMQP 1.0) acts as the default user {@code guest}, from loopback only and only while that user
 * exists (RabbitMQ 4's {@code anonymous_login_user = guest}).
 */
public final class UserStoreAuthenticator implements Authenticator, AccessControl {
    private final UserDirectory users;

    public UserStoreAuthenticator(UserDirectory users) {
        this.users = users;
    }

    @Override
    public String authenticate(String username, String password, SocketAddress remote) {
        try {
            return users.authenticate(username, password, remote);
        } catch (LoginRefusedException e) {
            throw new AuthenticationException(e.getMessage());
        }
    }

    @Override
    public String authenticateAnonymous(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress a) || a.getAddress() == null || !a.getAddress().isLoopbackAddress()) {
            throw new AuthenticationException("anonymous login (as '" + UserStore.DEFAULT_USER + "') is allowed via localhost only");
        }
        if (!users.exists(UserStore.DEFAULT_USER)) {
            throw new AuthenticationException("anonymous login needs the user '" + UserStore.DEFAULT_USER + "'");
        }
        try {
            users.checkLogin(UserStore.DEFAULT_USER, remote, true);
        } catch (LoginRefusedException e) {
            throw new AuthenticationException(e.getMessage());
        }
        return UserStore.DEFAULT_USER;
    }

    /** EXTERNAL: the certificate's CN must be an existing user (with or without a password) allowed from this address. */
    @Override
    public String authenticateExternal(String certificateName, SocketAddress remote) {
        if (certificateName == null) {
            throw new AuthenticationException("EXTERNAL needs a TLS client certificate with a CN");
        }
        try {
            users.checkLogin(certificateName, remote, true);
        } catch (LoginRefusedException e) {
            throw new AuthenticationException(e.getMessage());
        }
        return certificateName;
    }

    @Override
    public VhostAccess vhostAccess(String user, String vhost) {
        Optional<VhostPermissions> p = users.permissions(user, vhost);
        return p.map(perms -> new VhostAccess(user, vhost, perms)).orElse(null);
    }
}
