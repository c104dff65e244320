/**
 * Fetch: reads of partition logs sent as file regions, and long polls ({@code max.wait.ms},
 * {@code min.bytes}) parked in a {@link io.tributary.kafka.handler.fetch.FetchPurgatory} until a
 * high watermark advances or the wait ends.
 *
 * <p>Threading: reads run on the connection's storage executor; wake-ups arrive on flusher threads
 * and only schedule a read; timeouts fire on the connection's event loop.
 */
package io.tributary.kafka.handler.fetch;
