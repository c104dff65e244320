package io.tributary.kafka.handler.fetch;

import io.tributary.logstore.PartitionLog;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.protocol.Errors;

/**
 * One partition of a Fetch, resolved: the request's topic and partition entries, the log to read
 * (null when the partition cannot be read), and the error to answer otherwise.
 */
record FetchTarget(FetchTopic topic, String topicName, FetchPartition partition, PartitionLog log, Errors error) {
}
