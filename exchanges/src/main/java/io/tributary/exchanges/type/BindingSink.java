package io.tributary.exchanges.type;

import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationId;

/** Receives the targets an exchange type matched; the router deduplicates, so a type may repeat one. */
@FunctionalInterface
public interface BindingSink {
    void matched(DestinationId target);

    /**
     * The exchange keeps the message itself, in a destination of its own that is not bound (the
     * delayed-message exchange holds messages until they are due). Counts as a match.
     */
    default void held(Destination holder) {
        throw new UnsupportedOperationException("this sink does not accept held messages");
    }
}
