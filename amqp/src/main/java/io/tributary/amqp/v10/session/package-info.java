/**
 * One AMQP 1.0 connection above the engine: open/close, virtual host, sessions, and what its links share
 * (transactions, temporary queues). Confined to the connection's event loop.
 */
package io.tributary.amqp.v10.session;
