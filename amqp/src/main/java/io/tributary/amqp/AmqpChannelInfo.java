package io.tributary.amqp;

import java.util.List;

/**
 * A snapshot of one AMQP 0-9-1 channel for management ({@code /api/channels}, {@code /api/consumers}),
 * taken on its connection's event loop.
 *
 * @param prefetchCount the per-consumer prefetch new consumers get ({@code basic.qos}, global=false)
 * @param globalPrefetchCount the channel-wide prefetch ({@code basic.qos}, global=true)
 * @param unacked deliveries awaiting settlement
 */
public record AmqpChannelInfo(int number, int prefetchCount, int globalPrefetchCount, int unacked, boolean confirm,
                              boolean transactional, List<Consumer> consumers) {
    public AmqpChannelInfo {
        consumers = List.copyOf(consumers);
    }

    /** One consumer of the channel: a queue consumer or a stream consumer. */
    public record Consumer(String tag, String queue, boolean ackRequired, boolean exclusive, int prefetchCount) {
    }
}
