package io.tributary.kafka;

import io.netty.channel.ChannelHandler;
import io.tributary.config.KafkaSettings;
import io.tributary.kafka.handler.KafkaHandlers;
import io.tributary.kafka.handler.fetch.FetchPurgatory;
import io.tributary.kafka.handler.group.GroupCoordinatorService;
import io.tributary.kafka.handler.txn.Transactions;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.kafka.handler.acl.AclEnforcement;
import io.tributary.kafka.handler.throttle.ProduceThrottle;
import io.tributary.kafka.handler.traffic.TrafficCounting;
import io.tributary.kafka.handler.sasl.SaslGate;
import io.tributary.kafka.pipeline.KafkaChannelInitializer;
import io.tributary.kafka.security.KafkaSecurity;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka protocol as the broker's lifecycle sees it: the listener's pipeline initializer, the
 * handlers behind it, the transaction and group coordinators (the group coordinator loads
 * {@code __consumer_offsets} in the background and hears of the transaction markers written there),
 * and the waiting fetches to answer at shutdown.
 */
public final class KafkaProtocolService {
    private final KafkaContext kafka;
    private final FetchPurgatory purgatory = new FetchPurgatory();
    private final KafkaChannelInitializer initializer;
    private final Transactions transactions;
    private final GroupCoordinatorService groups;
    private final KafkaTraffic traffic = new KafkaTraffic();

    /** Waiting fetches of {@code tp} read again (a leader took an append that its followers should copy now). */
    public void wakeFetches(io.tributary.logstore.TopicPartition tp) {
        purgatory.onHighWatermarkAdvanced(tp, -1);
    }

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
        this.groups = new GroupCoordinatorService(kafka);
        transactions.markers().setOffsetsListener((tp, producerId, commit) -> groups.coordinator().onTransactionMarker(tp.partition(),
                producerId, commit));
        RequestDispatcher handlers = KafkaHandlers.create(kafka, purgatory, transactions, groups.coordinator());
        AclEnforcement.install(handlers, security, new TopicResolver(kafka.logs()));
        ProduceThrottle.install(handlers, alarm);
        TrafficCounting.install(handlers, traffic);
        this.initializer = new KafkaChannelInitializer(SaslGate.install(handlers, security), kafka.storage(),
                kafka.config().get(KafkaSettings.MAX_REQUEST_BYTES), kafka.config().get(KafkaSettings.CONNECTIONS_MAX_IDLE_MS));
        kafka.logs().addHighWatermarkListener(purgatory);
        groups.start();
    }

    /** The group coordinator (consumer groups and committed offsets). */
    public io.tributary.kafka.group.GroupCoordinator groupCoordinator() {
        return groups.coordinator();
    }

    /** Records and bytes produced and fetched, for management. */
    public KafkaTraffic traffic() {
        return traffic;
    }

    public ChannelHandler channelInitializer() {
        return initializer;
    }

    /** Answers every waiting fetch now (the listener stopped accepting; connections close next). */
    public void drain() {
        purgatory.completeAll();
    }

    /** Stops the group coordinator and the storage threads once connections are closed. */
    public void close() {
        groups.close();
        kafka.logs().removeHighWatermarkListener(purgatory);
        transactions.close();
        kafka.storage().shutdownGracefully(0, 5, TimeUnit.SECONDS);
    }
}
