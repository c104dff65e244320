package io.tributary.kafka.handler.group;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.handler.RequestContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Small translations every group handler needs. */
final class GroupResponses {
    private GroupResponses() {
    }

    static short code(GroupError error) {
        return KafkaErrorMapper.toError(error).code();
    }

    static short code(Throwable failure) {
        return KafkaErrorMapper.toError(failure).code();
    }

    /** The coordinator's error for a failed future (a {@link io.tributary.kafka.group.GroupException}, or storage trouble). */
    static GroupError groupError(Throwable failure) {
        Throwable t = KafkaErrorMapper.unwrap(failure);
        if (t instanceof io.tributary.kafka.group.GroupException g) {
            return g.error();
        }
        String name = KafkaErrorMapper.toError(t).name();
        for (GroupError e : GroupError.values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return GroupError.UNKNOWN_SERVER_ERROR;
    }

    /** The client's address as Kafka reports it ({@code /127.0.0.1}). */
    static String clientHost(RequestContext context) {
        SocketAddress a = context.connection().remoteAddress();
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().toString();
        }
        return String.valueOf(a);
    }

    static String clientId(RequestContext context) {
        String id = context.clientId();
        return id == null ? "" : id;
    }
}
