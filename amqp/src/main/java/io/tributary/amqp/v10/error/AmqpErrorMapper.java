package io.tributary.amqp.v10.error;

import io.tributary.amqp.auth.AuthenticationException;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.CommandInvalidException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.error.RejectedException;
import io.tributary.exchanges.error.ResourceLockedException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * The one place where failures become AMQP 1.0 error conditions: typed exceptions of the routing core
 * map to their condition, anything unexpected to {@code amqp:internal-error}.
 */
public final class AmqpErrorMapper {
    /** RabbitMQ's condition for an exclusive queue owned by another connection. */
    public static final Symbol RESOURCE_LOCKED = AmqpError.RESOURCE_LOCKED;

    private AmqpErrorMapper() {
    }

    /** The condition for {@code t}; its description is the exception's message. */
    public static ErrorCondition map(Throwable t) {
        Throwable e = unwrap(t);
        return new ErrorCondition(condition(e), e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /** True when {@code t} is no known failure but a bug or an unexpected state. */
    public static boolean unexpected(Throwable t) {
        return condition(unwrap(t)) == AmqpError.INTERNAL_ERROR;
    }

    private static Symbol condition(Throwable e) {
        if (e instanceof AmqpErrorException a) {
            return a.condition();
        }
        if (e instanceof NotFoundException) {
            return AmqpError.NOT_FOUND;
        }
        if (e instanceof AccessRefusedException || e instanceof AuthenticationException) {
            return AmqpError.UNAUTHORIZED_ACCESS;
        }
        if (e instanceof ResourceLockedException) {
            return RESOURCE_LOCKED;
        }
        if (e instanceof PreconditionFailedException) {
            return AmqpError.PRECONDITION_FAILED;
        }
        if (e instanceof CommandInvalidException) {
            return AmqpError.NOT_IMPLEMENTED;
        }
        if (e instanceof RejectedException) {
            return AmqpError.RESOURCE_LIMIT_EXCEEDED;
        }
        if (e instanceof IllegalArgumentException) {
            return AmqpError.INVALID_FIELD;
        }
        return AmqpError.INTERNAL_ERROR;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
