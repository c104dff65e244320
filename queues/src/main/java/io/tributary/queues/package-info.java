/** AMQP queue semantics and their durable store; each queue's state is confined to one executor. */
package io.tributary.queues;
