/**
 * Counting what Produce and Fetch requests move ({@link io.tributary.kafka.KafkaTraffic}), as
 * decorators of those handlers. Runs wherever the handlers complete; only adds to counters.
 */
package io.tributary.kafka.handler.traffic;
