package io.tributary.kafka.handler;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.handler.fetch.FetchHandler;
import io.tributary.kafka.handler.fetch.FetchPurgatory;
import io.tributary.kafka.handler.metadata.MetadataHandler;
import io.tributary.kafka.handler.offsets.ListOffsetsHandler;
import io.tributary.kafka.handler.offsets.OffsetForLeaderEpochHandler;
import io.tributary.kafka.handler.produce.InitProducerIdHandler;
import io.tributary.kafka.handler.produce.ProduceHandler;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The APIs this broker serves, each with its handler: the one list that ApiVersions advertises
 * and the dispatcher routes by.
 */
public final class KafkaHandlers {
    private KafkaHandlers() {
    }

    /** A dispatcher with every served API registered. */
    public static RequestDispatcher create(KafkaContext kafka, FetchPurgatory purgatory) {
        Leadership leadership = new Leadership(kafka.nodeId());
        TopicResolver topics = new TopicResolver(kafka.logs());
        RequestDispatcher d = new RequestDispatcher();
        d.register(ApiKeys.API_VERSIONS, new ApiVersionsHandler(d::apis))
                .register(ApiKeys.METADATA, new MetadataHandler(kafka, leadership))
                .register(ApiKeys.PRODUCE, new ProduceHandler(topics, leadership))
                .register(ApiKeys.FETCH, new FetchHandler(topics, leadership, purgatory))
                .register(ApiKeys.LIST_OFFSETS, new ListOffsetsHandler(topics, leadership))
                .register(ApiKeys.OFFSET_FOR_LEADER_EPOCH, new OffsetForLeaderEpochHandler(topics, leadership))
                .register(ApiKeys.INIT_PRODUCER_ID, new InitProducerIdHandler(kafka.producerIds()));
        return d;
    }
}
