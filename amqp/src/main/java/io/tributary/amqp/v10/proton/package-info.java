/**
 * The proton-j engine on Netty: {@link io.tributary.amqp.v10.proton.ProtonHandler} feeds socket bytes to
 * the transport, hands collector events to the connection, and writes what the transport produces.
 * Confined to the connection's event loop ({@code requireInEventLoop}); other threads come back with
 * {@link io.tributary.amqp.v10.proton.ProtonHandler#execute}.
 */
package io.tributary.amqp.v10.proton;
