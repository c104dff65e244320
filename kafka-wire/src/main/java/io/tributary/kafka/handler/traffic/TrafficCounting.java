package io.tributary.kafka.handler.traffic;

import io.tributary.kafka.KafkaTraffic;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.handler.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.ProduceRequest;

/**
 * Wraps the Produce and Fetch handlers to count, once a request is answered, the records (and bytes)
 * appended by partitions answered without error, and the record bytes a Fetch response carries.
 * Batch headers only are read; nothing is decompressed.
 */
public final class TrafficCounting {
    private TrafficCounting() {
    }

    public static void install(RequestDispatcher d, KafkaTraffic traffic) {
        d.<ProduceRequest>decorate(ApiKeys.PRODUCE, next -> produce(next, traffic));
        d.<FetchRequest>decorate(ApiKeys.FETCH, next -> fetch(next, traffic));
    }

    private static RequestHandler<ProduceRequest> produce(RequestHandler<ProduceRequest> next, KafkaTraffic traffic) {
        return (context, request) -> next.handle(context, request).thenApply(r -> {
            count(request.data(), r instanceof ProduceResponseData response ? response : null, traffic);
            return r;
        });
    }

    /** Response topics and partitions are in request order; a null response (acks=0) counts every partition. */
    private static void count(ProduceRequestData request, ProduceResponseData response, KafkaTraffic traffic) {
        long records = 0;
        long bytes = 0;
        List<ProduceRequestData.TopicProduceData> topics = new ArrayList<>(request.topicData());
        List<ProduceResponseData.TopicProduceResponse> answered = response == null ? List.of() : new ArrayList<>(response.responses());
        for (int i = 0; i < topics.size(); i++) {
            List<ProduceRequestData.PartitionProduceData> parts = topics.get(i).partitionData();
            List<ProduceResponseData.PartitionProduceResponse> answers = response == null || i >= answered.size() ? null
                    : answered.get(i).partitionResponses();
            for (int j = 0; j < parts.size(); j++) {
                boolean ok = answers == null || (j < answers.size() && answers.get(j).errorCode() == Errors.NONE.code());
                if (ok && parts.get(j).records() instanceof MemoryRecords m) {
                    for (MutableRecordBatch b : m.batches()) {
                        records += b.lastOffset() - b.baseOffset() + 1;
                    }
                    bytes += m.sizeInBytes();
                }
            }
        }
        traffic.produced(records, bytes);
    }

    private static RequestHandler<FetchRequest> fetch(RequestHandler<FetchRequest> next, KafkaTraffic traffic) {
        return (context, request) -> next.handle(context, request).thenApply(r -> {
            if (r instanceof FetchResponseData response) {
                long bytes = 0;
                for (FetchResponseData.FetchableTopicResponse t : response.responses()) {
                    for (FetchResponseData.PartitionData p : t.partitions()) {
                        if (p.records() != null) {
                            bytes += p.records().sizeInBytes();
                        }
                    }
                }
                traffic.fetched(bytes);
            }
            return r;
        });
    }
}
