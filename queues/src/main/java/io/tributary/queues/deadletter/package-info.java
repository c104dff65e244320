/**
 * Dead-lettering: RabbitMQ's {@code x-death} headers, cycle detection and publishing to a queue's
 * dead-letter exchange. Used from a queue's actor only.
 */
package io.tributary.queues.deadletter;
