package io.tributary.server.replication;

import io.tributary.kafka.handler.BrokerEndpoint;
import java.io.IOException;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.network.Selectable;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * A follower's blocking connection to one leader's Kafka listener, built from kafka-clients'
 * NetworkClient as Kafka's own replica fetcher is (with the listener's security: {@link InternalClients}): requests are real Kafka requests (Fetch with a
 * replica id, OffsetsForLeaderEpoch), versions negotiated with ApiVersions. Used by one thread.
 */
final class LeaderConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Metrics metrics = new Metrics();
    private final NetworkClient client;
    private final int requestTimeoutMs;
    private Node node;

    /** @param clients the security the other nodes' Kafka listeners ask for */
    LeaderConnection(int replicaId, int requestTimeoutMs, InternalClients clients) {
        this.requestTimeoutMs = requestTimeoutMs;
        LogContext logContext = new LogContext("[replica-fetcher " + replicaId + "] ");
        ChannelBuilder channels = clients.channelBuilder(logContext);
        Selector selector = new Selector(60_000L, metrics, Time.SYSTEM, "replica-fetcher", channels, logContext);
        this.client = new NetworkClient(selector, new ManualMetadataUpdater(), "tributary-replica-" + replicaId, 1, 100, 1_000,
                Selectable.USE_DEFAULT_BUFFER_SIZE, Selectable.USE_DEFAULT_BUFFER_SIZE, requestTimeoutMs, CONNECT_TIMEOUT_MS,
                CONNECT_TIMEOUT_MS, Time.SYSTEM, true, new ApiVersions(), logContext, MetadataRecoveryStrategy.NONE);
    }

    /** Points the connection at {@code leader}, closing one to another address. */
    void target(BrokerEndpoint leader) {
        Node next = new Node(leader.nodeId(), leader.host(), leader.port());
        if (node != null && !(node.host().equals(next.host()) && node.port() == next.port())) {
            client.close(node.idString());
        }
        node = next;
    }

    /** Sends one request and waits for its response. */
    AbstractResponse send(AbstractRequest.Builder<?> request) throws IOException {
        if (!NetworkClientUtils.awaitReady(client, node, Time.SYSTEM, CONNECT_TIMEOUT_MS)) {
            throw new IOException("leader " + node + " not reachable in " + CONNECT_TIMEOUT_MS + " ms");
        }
        ClientRequest r = client.newClientRequest(node.idString(), request, Time.SYSTEM.milliseconds(), true, requestTimeoutMs, null);
        ClientResponse response = NetworkClientUtils.sendAndReceive(client, r, Time.SYSTEM);
        if (response.versionMismatch() != null) {
            throw new IOException("leader " + node + " does not support the request", response.versionMismatch());
        }
        return response.responseBody();
    }

    /** Drops the connection after a failure, so the next request reconnects. */
    void reset() {
        if (node != null) {
            client.close(node.idString());
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            // closing: nothing left to tell the leader
        }
        metrics.close();
    }
}
