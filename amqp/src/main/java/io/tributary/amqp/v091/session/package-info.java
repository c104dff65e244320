/**
 * AMQP 0-9-1 sessions: the connection handler, its channels, publishing, consuming and direct
 * reply-to. Everything here is confined to the connection's event loop; queues are reached only
 * through their actors' futures, whose completions come back with {@code runOnLoop}.
 */
package io.tributary.amqp.v091.session;
