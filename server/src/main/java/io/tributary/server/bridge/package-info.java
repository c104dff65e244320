/**
 * Where the routing core meets the partition logs: AMQP stream queues and super streams as
 * destinations over Kafka topics ({@link io.tributary.server.bridge.LogDestination}), the cursors
 * AMQP stream consumers read with, and the offsets they store.
 *
 * <p>Threading: appends run on a per-destination serial executor off the event loops (one batch
 * per burst of publishes); cursors read on their consumer's thread; wake-ups arrive on flusher
 * threads and only run the waiting tasks.
 */
package io.tributary.server.bridge;
