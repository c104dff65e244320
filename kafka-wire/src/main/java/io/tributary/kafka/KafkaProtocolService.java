package io.tributary.kafka;

import io.netty.channel.ChannelHandler;
import io.tributary.config.KafkaSettings;
import io.tributary.kafka.handler.KafkaHandlers;
import io.tributary.kafka.handler.fetch.FetchPurgatory;
import io.tributary.kafka.handler.txn.Transactions;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.kafka.handler.acl.AclEnforcement;
import io.tributary.kafka.handler.throttle.ProduceThrottle;
import io.tributary.kafka.handler.sasl.SaslGate;
import io.tributary.kafka.pipeline.KafkaChannelInitializer;
import io.tributary.kafka.security.KafkaSecurity;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka protocol as the broker's lifecycle sees it: the listener's pipeline initializer, the
 * handlers behind it, and the waiting fetches to answer at shutdown.
 */
public final class KafkaProtocolService {
    private final KafkaContext kafka;
    private final FetchPurgatory purgatory = new FetchPurgatory();
    private final KafkaChannelInitializer initializer;
    private final Transactions transactions;

    public KafkaProtocolService(KafkaContext kafka) {
        this(kafka, KafkaSecurity.none(), PublishAlarm.NEVER);
    }

    /**
     * @param security the listener's authentication (SASL gate and handlers) and ACLs (enforced around every handler)
     * @param alarm the resource alarm that holds Produce requests while raised
     */
    public KafkaProtocolService(KafkaContext kafka, KafkaSecurity security, PublishAlarm alarm) {
        this.kafka = kafka;
        this.transactions = Transactions.start(kafka);
        RequestDispatcher handlers = KafkaHandlers.create(kafka, purgatory, transactions);
        AclEnforcement.install(handlers, security, new TopicResolver(kafka.logs()));
        ProduceThrottle.install(handlers, alarm);
        this.initializer = new KafkaChannelInitializer(SaslGate.install(handlers, security), kafka.storage(),
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
        transactions.close();
        kafka.storage().shutdownGracefully(0, 5, TimeUnit.SECONDS);
    }
}
