package io.tributary.server.http.api;

import io.tributary.amqp.AmqpContext;
import io.tributary.config.BrokerConfig;
import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.logstore.LogManager;
import io.tributary.server.BrokerState;
import io.tributary.server.metrics.ManagementStats;
import io.tributary.server.policy.Policies;
import io.tributary.server.replication.ReplicatedTopics;
import io.tributary.server.routing.RoutingCore;
import io.tributary.server.routing.VhostStore;
import io.tributary.server.security.UserStore;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the management API reads and changes: the routing core, users, partition logs, consumer
 * groups, AMQP connections, policies, virtual-host metadata and the sampled statistics.
 *
 * @param topics creates and deletes topics as CreateTopics does (replicated in a cluster)
 * @param listeners protocol name ({@code amqp}, {@code kafka}, {@code http}) to bound port
 * @param nodeName this node as RabbitMQ names nodes ({@code tributary@host})
 */
public record ApiContext(BrokerConfig config, RoutingCore routing, UserStore users, LogManager logs, ReplicatedTopics topics,
                         Supplier<GroupCoordinator> groups,
                         AmqpContext amqp, Policies policies, VhostStore vhostStore, ManagementStats stats,
                         Supplier<Map<String, Integer>> listeners, Supplier<BrokerState> state, String version, String nodeName) {
}
