package io.tributary.amqp.v10.link;

import org.apache.qpid.proton.engine.Delivery;

/** What a link does with the engine's events; set as the proton link's context. Event loop only. */
public interface LinkHandler {
    /** The peer sent a flow frame for this link (credit, drain). */
    default void flow() {
    }

    /** A transfer arrived (receiving links) or a disposition changed (sending links). */
    void delivery(Delivery delivery);

    /** The peer detached or closed the link: release what it holds and answer. */
    void remoteDetached();

    /** The session or connection went away: release what the link holds, send nothing. */
    void release();

    /** The socket is writable again. */
    default void writable() {
    }
}
