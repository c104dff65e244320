/** AMQP 1.0 addresses: RabbitMQ 4's v2 forms and plain queue names. Stateless and thread-safe. */
package io.tributary.amqp.v10.address;
