package io.tributary.kafka.handler.fetch;

import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.topic.TopicDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchRequest;

/**
 * Fetch for consumers: reads every requested partition once; when that is less than
 * {@code min.bytes} and the client allows a wait, parks the request until new data arrives or
 * {@code max.wait.ms} passes.
 *
 * <p>Fetch sessions (KIP-227) are not kept: every response says session id 0, which tells clients to
 * send full fetch requests, and an incremental request for an unknown session gets
 * {@code FETCH_SESSION_ID_NOT_FOUND}, after which clients fall back to a full fetch.
 */
public final class FetchHandler implements RequestHandler<FetchRequest> {
    private final TopicResolver topics;
    private final FetchReader reader;
    private final FetchPurgatory purgatory;

    public FetchHandler(TopicResolver topics, Leadership leadership, FetchPurgatory purgatory) {
        this.topics = topics;
        this.reader = new FetchReader(leadership);
        this.purgatory = purgatory;
    }

    @Override
    public CompletableFuture<FetchResponseData> handle(RequestContext context, FetchRequest request) {
        FetchRequestData data = request.data();
        if (data.sessionId() != 0) {
            return CompletableFuture.completedFuture(new FetchResponseData().setErrorCode(Errors.FETCH_SESSION_ID_NOT_FOUND.code()));
        }
        ResolvedFetch fetch = resolve(data, context.apiVersion() >= 13);
        return context.onStorage(() -> reader.read(fetch)).thenCompose(read -> {
            if (data.maxWaitMs() <= 0 || read.satisfies(fetch) || fetch.readablePartitions().isEmpty()) {
                return CompletableFuture.completedFuture(read.response());
            }
            return new DelayedFetch(fetch, reader, context.connection(), purgatory).start(read, data.maxWaitMs());
        });
    }

    private ResolvedFetch resolve(FetchRequestData data, boolean byId) {
        List<FetchTarget> targets = new ArrayList<>();
        for (FetchTopic t : data.topics()) {
            Optional<TopicDescription> topic = topics.topic(byId ? null : t.topic(), t.topicId());
            String name = topic.map(TopicDescription::name).orElse(t.topic());
            for (FetchPartition p : t.partitions()) {
                Optional<PartitionLog> log = topic.flatMap(d -> topics.log(d, p.partition()));
                Errors error = topic.isEmpty() ? TopicResolver.unknownTopic(byId) : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                targets.add(new FetchTarget(t, name, p, log.orElse(null), log.isPresent() ? Errors.NONE : error));
            }
        }
        int replicaId = Math.max(data.replicaId(), data.replicaState().replicaId()); // v15+ moved it into ReplicaState
        FetchIsolation isolation = replicaId >= 0 ? FetchIsolation.LOG_END
                : data.isolationLevel() == IsolationLevel.READ_COMMITTED.id() ? FetchIsolation.TXN_COMMITTED : FetchIsolation.HIGH_WATERMARK;
        return new ResolvedFetch(targets, isolation, data.maxBytes(), data.minBytes(), replicaId);
    }
}
