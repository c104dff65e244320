/**
 * The Kafka admin APIs: topics (CreateTopics, DeleteTopics, CreatePartitions, DescribeTopicPartitions),
 * records (DeleteRecords), configs (DescribeConfigs, AlterConfigs, IncrementalAlterConfigs), and what
 * the broker holds (DescribeCluster, DescribeLogDirs, DescribeProducers). One handler per API; the
 * topic registry and the partition logs of the log store do the work, with Kafka's validation order,
 * error codes and messages around them.
 *
 * <p>Threading: {@code handle} runs on the connection's event loop and only reads the request; every
 * call into the log store runs on the connection's storage executor
 * ({@link io.tributary.kafka.handler.RequestContext#onStorage}), and responses complete on whichever
 * thread finished the last store future (the connection writes them from its event loop).
 */
package io.tributary.kafka.handler.admin;
