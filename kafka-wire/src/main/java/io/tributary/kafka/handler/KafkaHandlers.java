package io.tributary.kafka.handler;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.handler.admin.AlterConfigsHandler;
import io.tributary.kafka.handler.admin.CreatePartitionsHandler;
import io.tributary.kafka.handler.admin.CreateTopicsHandler;
import io.tributary.kafka.handler.admin.DeleteRecordsHandler;
import io.tributary.kafka.handler.admin.DeleteTopicsHandler;
import io.tributary.kafka.handler.admin.DescribeClusterHandler;
import io.tributary.kafka.handler.admin.DescribeConfigsHandler;
import io.tributary.kafka.handler.admin.DescribeLogDirsHandler;
import io.tributary.kafka.handler.admin.DescribeProducersHandler;
import io.tributary.kafka.handler.admin.DescribeTopicPartitionsHandler;
import io.tributary.kafka.handler.admin.ElectLeadersHandler;
import io.tributary.kafka.handler.admin.IncrementalAlterConfigsHandler;
import io.tributary.kafka.handler.admin.PartitionReassignmentsHandlers;
import io.tributary.kafka.handler.fetch.FetchHandler;
import io.tributary.kafka.handler.fetch.FetchPurgatory;
import io.tributary.kafka.handler.group.GroupHandlers;
import io.tributary.kafka.handler.metadata.MetadataHandler;
import io.tributary.kafka.handler.offsets.ListOffsetsHandler;
import io.tributary.kafka.handler.offsets.OffsetForLeaderEpochHandler;
import io.tributary.kafka.handler.produce.InitProducerIdHandler;
import io.tributary.kafka.handler.produce.ProduceHandler;
import io.tributary.kafka.handler.txn.Transactions;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The APIs this broker serves, each with its handler: the one list that ApiVersions advertises
 * and the dispatcher routes by.
 */
public final class KafkaHandlers {
    private KafkaHandlers() {
    }

    /** A dispatcher with every served API registered. */
    public static RequestDispatcher create(KafkaContext kafka, FetchPurgatory purgatory, Transactions transactions, GroupCoordinator groups) {
        Leadership leadership = kafka.leadership();
        TopicResolver topics = new TopicResolver(kafka.logs());
        RequestDispatcher d = new RequestDispatcher();
        d.register(ApiKeys.API_VERSIONS, new ApiVersionsHandler(d::apis))
                .register(ApiKeys.METADATA, new MetadataHandler(kafka, leadership))
                .register(ApiKeys.PRODUCE, new ProduceHandler(topics, leadership))
                .register(ApiKeys.FETCH, new FetchHandler(topics, leadership, purgatory))
                .register(ApiKeys.LIST_OFFSETS, new ListOffsetsHandler(topics, leadership))
                .register(ApiKeys.OFFSET_FOR_LEADER_EPOCH, new OffsetForLeaderEpochHandler(topics, leadership))
                .register(ApiKeys.INIT_PRODUCER_ID, new InitProducerIdHandler(kafka.producerIds(), transactions.coordinator()))
                .register(ApiKeys.CREATE_TOPICS, new CreateTopicsHandler(kafka, leadership))
                .register(ApiKeys.DELETE_TOPICS, new DeleteTopicsHandler(kafka.logs(), topics, leadership))
                .register(ApiKeys.CREATE_PARTITIONS, new CreatePartitionsHandler(kafka.logs(), leadership))
                .register(ApiKeys.DELETE_RECORDS, new DeleteRecordsHandler(topics))
                .register(ApiKeys.DESCRIBE_CONFIGS, new DescribeConfigsHandler(kafka))
                .register(ApiKeys.ALTER_CONFIGS, new AlterConfigsHandler(kafka))
                .register(ApiKeys.INCREMENTAL_ALTER_CONFIGS, new IncrementalAlterConfigsHandler(kafka))
                .register(ApiKeys.DESCRIBE_CLUSTER, new DescribeClusterHandler(kafka))
                .register(ApiKeys.DESCRIBE_LOG_DIRS, new DescribeLogDirsHandler(kafka.logs()))
                .register(ApiKeys.DESCRIBE_PRODUCERS, new DescribeProducersHandler(topics))
                .register(ApiKeys.DESCRIBE_TOPIC_PARTITIONS, new DescribeTopicPartitionsHandler(kafka.logs(), leadership))
                .register(ApiKeys.ELECT_LEADERS, new ElectLeadersHandler(kafka))
                .register(ApiKeys.ALTER_PARTITION_REASSIGNMENTS, PartitionReassignmentsHandlers.alter(leadership))
                .register(ApiKeys.LIST_PARTITION_REASSIGNMENTS, PartitionReassignmentsHandlers.list(leadership))
                .register(ApiKeys.UNREGISTER_BROKER, new io.tributary.kafka.handler.admin.UnregisterBrokerHandler(leadership));
        transactions.register(d, topics);
        GroupHandlers.register(d, kafka, groups, topics);
        return d;
    }
}
