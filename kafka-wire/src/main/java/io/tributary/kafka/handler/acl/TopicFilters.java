package io.tributary.kafka.handler.acl;

import io.tributary.kafka.acl.AclOperation;
import io.tributary.kafka.acl.Authorizer;
import io.tributary.kafka.acl.ResourceType;
import io.tributary.kafka.handler.CloseConnectionException;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.logstore.topic.TopicDescription;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.ProduceRequest;

/**
 * Per-topic enforcement, as Kafka's {@code KafkaApis}: the topics the principal may not use are taken
 * out of the request, the handler serves the rest, and the refused ones are added to its response with
 * {@code TOPIC_AUTHORIZATION_FAILED} (Metadata for all topics simply leaves them out).
 *
 * <pre>
 * Produce      WRITE on each topic (transactional: WRITE on the transactional id first)
 * Fetch        READ on each topic (a follower: CLUSTER_ACTION on the cluster)
 * Metadata     DESCRIBE on each topic; auto-creation needs CREATE on the cluster or topic
 * ListOffsets  DESCRIBE on each topic
 * CreateTopics CREATE on the cluster or the topic
 * </pre>
 */
final class TopicFilters {
    private static final short TOPIC_DENIED = Errors.TOPIC_AUTHORIZATION_FAILED.code();

    private final Authorizer authorizer;
    private final TopicResolver topics;

    TopicFilters(Authorizer authorizer, TopicResolver topics) {
        this.authorizer = authorizer;
        this.topics = topics;
    }

    private String name(String name, Uuid id) {
        return topics.topic(name, id).map(TopicDescription::name).orElse(name == null || name.isEmpty() ? null : name);
    }

    RequestHandler<ProduceRequest> produce(RequestHandler<ProduceRequest> next) {
        return (context, request) -> {
            Principals p = Principals.of(authorizer, context);
            if (Checks.transactionalId(p, AclOperation.WRITE, request.data().transactionalId()) != null) {
                return CompletableFuture.completedFuture(request.getErrorResponse(0,
                        Checks.transactionalId(p, AclOperation.WRITE, request.data().transactionalId())).data());
            }
            List<TopicProduceData> denied = new ArrayList<>();
            for (Iterator<TopicProduceData> it = request.data().topicData().iterator(); it.hasNext();) {
                TopicProduceData t = it.next();
                String name = name(t.name(), t.topicId());
                if (name != null && !p.allowed(AclOperation.WRITE, ResourceType.TOPIC, name)) {
                    denied.add(t);
                    it.remove();
                }
            }
            if (denied.isEmpty()) {
                return next.handle(context, request);
            }
            if (request.acks() == 0) {
                throw new CloseConnectionException("acks=0 produce to topics the principal may not write");
            }
            return next.handle(context, request).thenApply(r -> {
                ProduceResponseData response = r == null ? new ProduceResponseData() : (ProduceResponseData) r;
                for (TopicProduceData t : denied) {
                    TopicProduceResponse tr = new TopicProduceResponse().setName(t.name()).setTopicId(t.topicId());
                    for (PartitionProduceData pd : t.partitionData()) {
                        tr.partitionResponses().add(new PartitionProduceResponse().setIndex(pd.index()).setErrorCode(TOPIC_DENIED).setBaseOffset(-1));
                    }
                    response.responses().add(tr);
                }
                return response;
            });
        };
    }

    RequestHandler<FetchRequest> fetch(RequestHandler<FetchRequest> next) {
        return (context, request) -> {
            Principals p = Principals.of(authorizer, context);
            if (request.data().replicaId() >= 0 || request.data().replicaState().replicaId() >= 0) {
                return p.clusterAllowed(AclOperation.CLUSTER_ACTION) ? next.handle(context, request)
                        : CompletableFuture.completedFuture(request.getErrorResponse(0, Checks.cluster(p, AclOperation.CLUSTER_ACTION)).data());
            }
            List<FetchTopic> denied = new ArrayList<>();
            for (Iterator<FetchTopic> it = request.data().topics().iterator(); it.hasNext();) {
                FetchTopic t = it.next();
                String name = name(context.apiVersion() >= 13 ? null : t.topic(), t.topicId());
                if (name != null && !p.allowed(AclOperation.READ, ResourceType.TOPIC, name)) {
                    denied.add(t);
                    it.remove();
                }
            }
            if (denied.isEmpty()) {
                return next.handle(context, request);
            }
            return next.handle(context, request).thenApply(r -> {
                FetchResponseData response = (FetchResponseData) r;
                for (FetchTopic t : denied) {
                    FetchableTopicResponse tr = new FetchableTopicResponse().setTopic(t.topic()).setTopicId(t.topicId());
                    for (FetchPartition fp : t.partitions()) {
                        tr.partitions().add(FetchResponse.partitionResponse(fp.partition(), Errors.TOPIC_AUTHORIZATION_FAILED));
                    }
                    response.responses().add(tr);
                }
                return response;
            });
        };
    }

    RequestHandler<MetadataRequest> metadata(RequestHandler<MetadataRequest> next) {
        return (context, request) -> {
            Principals p = Principals.of(authorizer, context);
            List<MetadataRequestTopic> requested = request.data().topics();
            List<MetadataResponseTopic> refused = new ArrayList<>();
            if (requested != null) {
                boolean mayCreateAny = p.clusterAllowed(AclOperation.CREATE);
                for (Iterator<MetadataRequestTopic> it = requested.iterator(); it.hasNext();) {
                    MetadataRequestTopic t = it.next();
                    String name = name(t.name(), t.topicId());
                    if (name == null) {
                        continue;
                    }
                    if (!p.allowed(AclOperation.DESCRIBE, ResourceType.TOPIC, name)) {
                        refused.add(new MetadataResponseTopic().setName(name).setTopicId(t.topicId()).setErrorCode(TOPIC_DENIED));
                        it.remove();
                    } else if (!mayCreateAny && !p.allowed(AclOperation.CREATE, ResourceType.TOPIC, name) && topics.topic(name, null).isEmpty()) {
                        request.data().setAllowAutoTopicCreation(false);
                    }
                }
            }
            // no topic left (Metadata v0: an empty list means all topics) is filtered like a request for all
            boolean all = requested == null || requested.isEmpty();
            return next.handle(context, request).thenApply(r -> {
                MetadataResponseData response = (MetadataResponseData) r;
                if (all) {
                    response.topics().removeIf(t -> !p.allowed(AclOperation.DESCRIBE, ResourceType.TOPIC, t.name()));
                }
                refused.forEach(t -> response.topics().add(t));
                return response;
            });
        };
    }

    RequestHandler<ListOffsetsRequest> listOffsets(RequestHandler<ListOffsetsRequest> next) {
        return (context, request) -> {
            Principals p = Principals.of(authorizer, context);
            List<ListOffsetsTopic> denied = new ArrayList<>();
            request.data().topics().removeIf(t -> {
                boolean refuse = !p.allowed(AclOperation.DESCRIBE, ResourceType.TOPIC, t.name());
                if (refuse) {
                    denied.add(t);
                }
                return refuse;
            });
            if (denied.isEmpty()) {
                return next.handle(context, request);
            }
            return next.handle(context, request).thenApply(r -> {
                ListOffsetsResponseData response = (ListOffsetsResponseData) r;
                for (ListOffsetsTopic t : denied) {
                    ListOffsetsTopicResponse tr = new ListOffsetsTopicResponse().setName(t.name());
                    for (ListOffsetsPartition lp : t.partitions()) {
                        tr.partitions().add(new ListOffsetsPartitionResponse().setPartitionIndex(lp.partitionIndex()).setErrorCode(TOPIC_DENIED)
                                .setOffset(-1).setTimestamp(-1));
                    }
                    response.topics().add(tr);
                }
                return response;
            });
        };
    }

    RequestHandler<CreateTopicsRequest> createTopics(RequestHandler<CreateTopicsRequest> next) {
        return (context, request) -> {
            Principals p = Principals.of(authorizer, context);
            if (p.clusterAllowed(AclOperation.CREATE)) {
                return next.handle(context, request);
            }
            List<CreatableTopic> denied = new ArrayList<>();
            for (Iterator<CreatableTopic> it = request.data().topics().iterator(); it.hasNext();) {
                CreatableTopic t = it.next();
                if (!p.allowed(AclOperation.CREATE, ResourceType.TOPIC, t.name())) {
                    denied.add(t);
                    it.remove();
                }
            }
            return next.handle(context, request).thenApply(r -> {
                CreateTopicsResponseData response = (CreateTopicsResponseData) r;
                for (CreatableTopic t : denied) {
                    response.topics().add(new CreatableTopicResult().setName(t.name()).setErrorCode(TOPIC_DENIED)
                            .setErrorMessage(new TopicAuthorizationException("Authorization failed.").getMessage()));
                }
                return response;
            });
        };
    }
}
