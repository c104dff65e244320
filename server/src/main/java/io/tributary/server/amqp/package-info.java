/** The AMQP protocol service as the broker wires it: context, authenticator, memory alarm. Thread-safe. */
package io.tributary.server.amqp;
