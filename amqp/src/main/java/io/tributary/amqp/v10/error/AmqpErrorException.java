package io.tributary.amqp.v10.error;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * A failure with its AMQP 1.0 error condition ({@code amqp:not-found}, {@code amqp:decode-error} ...),
 * as Artemis' {@code ActiveMQAMQPException}. Where it is thrown decides what it closes: a link, a
 * session or the connection.
 */
public final class AmqpErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Symbol condition;

    public AmqpErrorException(Symbol condition, String description) {
        super(description, null, false, false);
        this.condition = condition;
    }

    public Symbol condition() {
        return condition;
    }

    public ErrorCondition toCondition() {
        return new ErrorCondition(condition, getMessage());
    }
}
