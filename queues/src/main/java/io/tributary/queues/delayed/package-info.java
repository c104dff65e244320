/** The store behind {@code x-delayed-message} exchanges: held messages, a due-time heap and one timer per exchange, on an actor. */
package io.tributary.queues.delayed;
