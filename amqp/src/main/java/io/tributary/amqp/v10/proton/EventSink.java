package io.tributary.amqp.v10.proton;

import org.apache.qpid.proton.engine.Event;

/** What the engine hands its events to: the AMQP 1.0 connection. Called on the event loop. */
public interface EventSink {
    /** The engine is ready: transport, connection and collector exist. */
    void bound(ProtonHandler engine);

    void onEvent(Event event);

    /** The socket closed: release everything (links, transactions, exclusive queues). */
    void closed();
}
