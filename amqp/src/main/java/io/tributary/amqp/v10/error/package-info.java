/** AMQP 1.0 error conditions: the exception that carries one and the one mapper from the core's failures. Stateless. */
package io.tributary.amqp.v10.error;
