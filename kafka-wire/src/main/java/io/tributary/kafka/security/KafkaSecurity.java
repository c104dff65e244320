package io.tributary.kafka.security;

import io.tributary.config.security.UserDirectory;
import io.tributary.kafka.acl.AclAuthorizer;
import io.tributary.kafka.acl.Authorizer;
import java.util.List;

/**
 * How the Kafka listener authenticates: its security protocol, the SASL mechanisms it offers (in
 * Kafka's names: {@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}), and the users they
 * check, how long a client may take to authenticate, how many connections one user may have, how long
 * an authentication lasts before the client must re-authenticate (KIP-368; 0 = for ever); and the ACLs, when the authorizer is on ({@code acls} null: everyone may do everything).
 * {@link #none()} is the PLAINTEXT listener with no user store and no ACLs (embedded use and tests).
 */
public record KafkaSecurity(SecurityProtocol protocol, List<String> mechanisms, UserDirectory users, AclAuthorizer acls,
                            long handshakeTimeoutMs, UserConnections userConnections, long reauthMs) {
    public KafkaSecurity(SecurityProtocol protocol, List<String> mechanisms, UserDirectory users, AclAuthorizer acls) {
        this(protocol, mechanisms, users, acls, 10_000, new UserConnections(0), 0);
    }

    public KafkaSecurity {
        mechanisms = List.copyOf(mechanisms);
        if (protocol.sasl() && users == null) {
            throw new IllegalArgumentException("a SASL listener needs a user directory");
        }
    }

    public static KafkaSecurity none() {
        return new KafkaSecurity(SecurityProtocol.PLAINTEXT, List.of(), null, null);
    }

    /** What the handlers ask: the ACLs, or allow-all without an authorizer. */
    public Authorizer authorizer() {
        return acls == null ? Authorizer.ALLOW_ALL : acls;
    }
}
