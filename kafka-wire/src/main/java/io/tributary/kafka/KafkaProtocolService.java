package io.tributary.kafka;

import io.netty.channel.ChannelHandler;
import io.tributary.config.KafkaSettings;
import io.tributary.kafka.handler.KafkaHandlers;
import io.tributary.kafka.handler.fetch.FetchPurgatory;
import io.tributary.kafka.pipeline.KafkaChannelInitializer;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka protocol as the broker's lifecycle sees it: the listener's pipeline initializer, the
 * handlers behind it, and the waiting fetches to answer at shutdown.
 */
public final class KafkaProtocolService {
    private final KafkaContext kafka;
    private final FetchPurgatory purgatory = new FetchPurgatory();
    private final KafkaChannelInitializer initializer;

    public KafkaProtocolService(KafkaContext kafka) {
        this.kafka = kafka;
        this.initializer = new KafkaChannelInitializer(KafkaHandlers.create(kafka, purgatory), kafka.storage(),
                kafka.config().get(KafkaSettings.MAX_REQUEST_BYTES));
        kafka.logs().addHighWatermarkListener(purgatory);
    }

    public ChannelHandler channelInitializer() {
        return initializer;
    }

    /** Answers every waiting fetch now (the listener stopped accepting; connections close next). */
    public void drain() {
        purgatory.completeAll();
    }

    /** Stops the storage threads once connections are closed. */
    public void close() {
        kafka.logs().removeHighWatermarkListener(purgatory);
        kafka.storage().shutdownGracefully(0, 5, TimeUnit.SECONDS);
    }
}
