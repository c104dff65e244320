/**
 * The one place where failures of the core modules become Kafka error codes. Stateless; any thread.
 */
package io.tributary.kafka.error;
