package io.tributary.kafka.handler.admin;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.topic.TopicDescription;
import io.tributary.logstore.topic.TopicNames;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsRequest;

/**
 * DescribeConfigs (v1–4). A TOPIC resource lists every topic config with its value, source
 * ({@code DYNAMIC_TOPIC_CONFIG}, {@code STATIC_BROKER_CONFIG} or {@code DEFAULT_CONFIG}), type, and,
 * when asked, synonyms and documentation (v3+). A BROKER resource named by this node's id lists the
 * broker settings under their Kafka names, read-only; the empty name (cluster-wide dynamic defaults)
 * lists none, since nothing is set dynamically. {@code configurationKeys} selects configs by name
 * (null or empty: all, as in Kafka). Failures are per resource, as Kafka reports them.
 */
public final class DescribeConfigsHandler implements RequestHandler<DescribeConfigsRequest> {
    private final KafkaContext kafka;
    private final BrokerConfigEntries brokerConfigs;

    public DescribeConfigsHandler(KafkaContext kafka) {
        this.kafka = kafka;
        this.brokerConfigs = new BrokerConfigEntries(kafka);
    }

    @Override
    public CompletableFuture<DescribeConfigsResponseData> handle(RequestContext context, DescribeConfigsRequest request) {
        DescribeConfigsRequestData data = request.data();
        boolean documentation = context.apiVersion() >= 3 && data.includeDocumentation();
        return context.onStorage(() -> {
            DescribeConfigsResponseData response = new DescribeConfigsResponseData();
            for (DescribeConfigsResource r : data.resources()) {
                DescribeConfigsResult result = new DescribeConfigsResult().setResourceType(r.resourceType()).setResourceName(r.resourceName());
                try {
                    describe(r, data.includeSynonyms(), documentation, result);
                } catch (RuntimeException e) {
                    result.setErrorCode(KafkaErrorMapper.toError(e).code()).setErrorMessage(KafkaErrorMapper.message(e)).setConfigs(List.of());
                }
                response.results().add(result);
            }
            return response;
        });
    }

    private void describe(DescribeConfigsResource r, boolean synonyms, boolean documentation, DescribeConfigsResult result) {
        Predicate<String> wanted = wanted(r.configurationKeys());
        ConfigResource.Type type = ConfigResources.type(r.resourceType());
        if (type == ConfigResource.Type.TOPIC) {
            TopicNames.validate(r.resourceName());
            Optional<TopicDescription> topic = kafka.logs().topics().topic(r.resourceName());
            if (topic.isEmpty()) {
                result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()).setConfigs(List.of());
                return;
            }
            result.setConfigs(TopicConfigEntries.describe(topic.get().config(), wanted, synonyms, documentation));
        } else if (type == ConfigResource.Type.BROKER) {
            boolean thisBroker = ConfigResources.isThisBrokerToDescribe(r.resourceName(), kafka.nodeId());
            result.setConfigs(thisBroker ? brokerConfigs.describe(wanted, synonyms, documentation) : List.of());
        } else {
            throw ConfigResources.unsupported(r.resourceType());
        }
    }

    private static Predicate<String> wanted(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return name -> true;
        }
        Set<String> set = new HashSet<>(keys);
        return set::contains;
    }
}
