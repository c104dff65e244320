package io.tributary.exchanges.type;

import io.tributary.exchanges.DestinationId;

/** Receives the targets an exchange type matched; the router deduplicates, so a type may repeat one. */
@FunctionalInterface
public interface BindingSink {
    void matched(DestinationId target);
}
