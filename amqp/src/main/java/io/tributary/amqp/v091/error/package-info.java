/** AMQP 0-9-1 reply codes and the single mapper from typed failures to channel or connection closes. Stateless. */
package io.tributary.amqp.v091.error;
