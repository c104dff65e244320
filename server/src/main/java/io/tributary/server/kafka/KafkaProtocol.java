package io.tributary.server.kafka;

import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.config.BrokerConfig;
import io.tributary.config.KafkaSettings;
import io.tributary.config.LimitSettings;
import io.tributary.config.NodeSettings;
import io.tributary.config.SecuritySettings;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.config.security.UserDirectory;
import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.KafkaProtocolService;
import io.tributary.kafka.PublishAlarm;
import io.tributary.kafka.acl.AclAuthorizer;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.producer.ProducerIdManager;
import io.tributary.kafka.security.KafkaSecurity;
import io.tributary.kafka.security.SecurityProtocol;
import io.tributary.kafka.security.UserConnections;
import io.tributary.logstore.LogManager;
import io.tributary.server.protocol.ProtocolService;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/** The Kafka listener's protocol: kafka-wire over the broker's partition logs. */
public final class KafkaProtocol implements ProtocolService {
    private final KafkaProtocolService service;

    public KafkaProtocol(BrokerConfig config, LogManager logs, MetadataStore metadata, UserDirectory users, PublishAlarm alarm,
                         IntSupplier boundPort, Leadership leadership) {
        int threads = config.get(KafkaSettings.IO_THREADS);
        DefaultEventExecutorGroup storage = new DefaultEventExecutorGroup(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("kafka-io", true));
        KafkaContext context = new KafkaContext(config, config.get(NodeSettings.NODE_ID), config.get(NodeSettings.ADVERTISED_HOST), boundPort,
                ClusterId.loadOrCreate(metadata), logs, new ProducerIdManager(metadata), storage, leadership);
        KafkaSecurity security = new KafkaSecurity(SecurityProtocol.valueOf(config.get(SecuritySettings.KAFKA_SECURITY_PROTOCOL)),
                config.get(SecuritySettings.KAFKA_SASL_MECHANISMS), users, !config.get(SecuritySettings.KAFKA_AUTHORIZER_ENABLED) ? null
                        : new AclAuthorizer(metadata, superUsers(config, leadership),
                                config.get(SecuritySettings.KAFKA_ALLOW_IF_NO_ACL)),
                config.get(LimitSettings.HANDSHAKE_TIMEOUT_MS), new UserConnections(config.get(LimitSettings.MAX_CONNECTIONS_PER_USER)),
                config.get(SecuritySettings.KAFKA_REAUTH_MS));
        this.service = new KafkaProtocolService(context, security, alarm);
    }

    /** {@code kafka.super.users}, and in a cluster whose nodes log in over SASL their internal user (replication needs every right). */
    private static java.util.Set<String> superUsers(BrokerConfig config, Leadership leadership) {
        java.util.Set<String> users = new java.util.HashSet<>(config.get(SecuritySettings.KAFKA_SUPER_USERS));
        if (leadership.movesLeadership() && io.tributary.server.replication.InternalClients.logsIn(config)) {
            users.add(io.tributary.server.replication.InternalClients.principal(config));
        }
        return java.util.Set.copyOf(users);
    }

    /** Waiting fetches of {@code tp}, followers' included, read again. */
    public void wakeFetches(io.tributary.logstore.TopicPartition tp) {
        service.wakeFetches(tp);
    }

    /** Consumer groups and committed offsets (management). */
    public io.tributary.kafka.group.GroupCoordinator groupCoordinator() {
        return service.groupCoordinator();
    }

    /** Records and bytes produced and fetched (management rates). */
    public io.tributary.kafka.KafkaTraffic traffic() {
        return service.traffic();
    }

    @Override
    public ChannelHandler channelInitializer() {
        return service.channelInitializer();
    }

    @Override
    public CompletableFuture<Void> drain() {
        service.drain();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        service.close();
    }
}
