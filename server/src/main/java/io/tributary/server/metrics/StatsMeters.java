package io.tributary.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.kafka.KafkaTraffic;
import io.tributary.queues.QueueCounters;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Micrometer meters of what {@link ManagementStats} samples, so {@code /metrics} (Prometheus
 * text) shows the figures the management API and the console show: the broker-wide totals of
 * {@code /api/overview}, each queue's depths and counters, and each topic's records. Counters are
 * Prometheus counters (a scraper derives the rates); depths are gauges. Per-queue and per-topic
 * meters are removed with their queue or topic, so a deleted queue leaves no stale series.
 */
final class StatsMeters {
    private final MeterRegistry registry;

    StatsMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The broker-wide counters fed by the sampler's deltas, Kafka's traffic, and the sampled depths of {@code overview}. */
    void totals(ManagementStats.Totals totals, KafkaTraffic kafka, ManagementStats.Series overview, Supplier<Number> connections,
                Supplier<Number> queues) {
        counter("tributary.messages.published", "Messages published by AMQP clients and the management API", totals.published());
        counter("tributary.messages.delivered", "Messages delivered from queues (consumers and basic.get)", totals.delivered());
        counter("tributary.messages.delivered.to.connections", "Messages AMQP connections sent to their consumers",
                totals.deliveredByConnections());
        counter("tributary.messages.acknowledged", "Deliveries acknowledged by consumers", totals.acked());
        counter("tributary.messages.redelivered", "Deliveries of messages delivered before", totals.redelivered());
        FunctionCounter.builder("tributary.kafka.records.produced", kafka, KafkaTraffic::producedRecords)
                .description("Records appended by Kafka Produce requests").register(registry);
        FunctionCounter.builder("tributary.kafka.produced.bytes", kafka, KafkaTraffic::producedBytes)
                .description("Record-batch bytes appended by Kafka Produce requests").register(registry);
        FunctionCounter.builder("tributary.kafka.fetched.bytes", kafka, KafkaTraffic::fetchedBytes)
                .description("Record-batch bytes sent in Kafka Fetch responses").register(registry);
        depth("tributary.messages.ready", "Messages ready in every classic queue (queue_totals)", overview, ManagementStats.READY);
        depth("tributary.messages.unacked", "Messages delivered and not yet acknowledged, every classic queue", overview, ManagementStats.UNACKED);
        Gauge.builder("tributary.queues", queues).description("Classic queues").register(registry);
        Gauge.builder("tributary.amqp.connections", connections).description("Open AMQP connections").register(registry);
    }

    /** The meters of one classic queue, tagged {@code vhost} and {@code queue}. */
    List<Meter> queue(String vhost, String name, QueueCounters c) {
        String[] tags = {"vhost", vhost, "queue", name};
        return List.of(
                Gauge.builder("tributary.queue.messages.ready", c, QueueCounters::ready).tags(tags)
                        .description("Messages ready for delivery").register(registry),
                Gauge.builder("tributary.queue.messages.unacked", c, QueueCounters::unacked).tags(tags)
                        .description("Messages delivered and not yet acknowledged").register(registry),
                Gauge.builder("tributary.queue.consumers", c, QueueCounters::consumers).tags(tags)
                        .description("Consumers of the queue").register(registry),
                FunctionCounter.builder("tributary.queue.messages.published", c, QueueCounters::published).tags(tags)
                        .description("Messages the queue took in").register(registry),
                FunctionCounter.builder("tributary.queue.messages.delivered", c, QueueCounters::delivered).tags(tags)
                        .description("Messages the queue delivered").register(registry),
                FunctionCounter.builder("tributary.queue.messages.acknowledged", c, QueueCounters::acked).tags(tags)
                        .description("Deliveries of the queue that were acknowledged").register(registry),
                FunctionCounter.builder("tributary.queue.messages.redelivered", c, QueueCounters::redelivered).tags(tags)
                        .description("Deliveries of the queue's messages delivered before").register(registry));
    }

    /** The meters of one topic (streams included), from its sampled rings, tagged {@code topic}. */
    List<Meter> topic(String topic, ManagementStats.Series s) {
        SampleRing end = s.ring(ManagementStats.LOG_END_OFFSET);
        SampleRing messages = s.ring(ManagementStats.MESSAGES);
        return List.of(
                FunctionCounter.builder("tributary.topic.records.appended", end, SampleRing::last).tags("topic", topic)
                        .description("Records appended to the topic: the sum of its partitions' log end offsets").register(registry),
                Gauge.builder("tributary.topic.messages", messages, SampleRing::last).tags("topic", topic)
                        .description("Records readable in the topic: high watermark minus log start offset, summed").register(registry));
    }

    void remove(List<Meter> meters) {
        meters.forEach(registry::remove);
    }

    private void counter(String name, String doc, AtomicLong source) {
        FunctionCounter.builder(name, source, AtomicLong::get).description(doc).register(registry);
    }

    private void depth(String name, String doc, ManagementStats.Series series, String ring) {
        Gauge.builder(name, series.ring(ring), SampleRing::last).description(doc).register(registry);
    }
}
