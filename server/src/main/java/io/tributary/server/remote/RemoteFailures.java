package io.tributary.server.remote;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.error.ResourceLockedException;
import java.util.concurrent.CompletionException;

/**
 * What the home node said, as the routing core's errors: a channel closed by the home with 403,
 * 404, 405 or 406 becomes the same error here (so the client sees what it would see on the home
 * node); a home that cannot be reached is RabbitMQ's "home node ... is down or inaccessible".
 */
final class RemoteFailures {
    private RemoteFailures() {
    }

    static RuntimeException mapped(Throwable e, String queueDescription, int home) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException r && !(t instanceof ShutdownSignalException)) {
            return r;
        }
        ShutdownSignalException s = shutdownOf(t);
        if (s != null && !s.isHardError() && s.getReason() instanceof AMQP.Channel.Close c) {
            String text = c.getReplyText().replaceFirst("^[A-Z_]+ - ", "");
            switch (c.getReplyCode()) {
                case 403:
                    return new AccessRefusedException(text);
                case 404:
                    return new NotFoundException(text);
                case 405:
                    return new ResourceLockedException(text);
                case 406:
                    return new PreconditionFailedException(text);
                default:
                    break;
            }
        }
        return new NotFoundException("home node " + home + " of " + queueDescription + " is down or inaccessible (" + t.getMessage() + ")");
    }

    private static ShutdownSignalException shutdownOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ShutdownSignalException s) {
                return s;
            }
        }
        return null;
    }
}
