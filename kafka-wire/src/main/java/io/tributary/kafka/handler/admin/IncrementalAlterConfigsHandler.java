package io.tributary.kafka.handler.admin;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.topic.ConfigChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;

/**
 * IncrementalAlterConfigs (v0–1): SET, DELETE, and APPEND/SUBTRACT on list configs
 * ({@code cleanup.policy}) of a topic, all of one resource's changes or none, durable before the
 * answer; {@code validateOnly} checks without applying. A BROKER resource accepts no change (no
 * broker setting is dynamic here; Kafka answers a read-only broker config with
 * {@code INVALID_REQUEST}). Errors are per resource.
 */
public final class IncrementalAlterConfigsHandler implements RequestHandler<IncrementalAlterConfigsRequest> {
    private final KafkaContext kafka;

    public IncrementalAlterConfigsHandler(KafkaContext kafka) {
        this.kafka = kafka;
    }

    @Override
    public CompletableFuture<IncrementalAlterConfigsResponseData> handle(RequestContext context, IncrementalAlterConfigsRequest request) {
        IncrementalAlterConfigsRequestData data = request.data();
        return context.onStorage(() -> {
            Map<List<Object>, Integer> counts = new HashMap<>();
            data.resources().forEach(r -> counts.merge(List.of(r.resourceType(), r.resourceName()), 1, Integer::sum));
            List<CompletableFuture<AlterConfigsResourceResponse>> results = new ArrayList<>();
            for (AlterConfigsResource r : data.resources()) {
                AlterConfigsResourceResponse result = new AlterConfigsResourceResponse().setResourceType(r.resourceType())
                        .setResourceName(r.resourceName());
                CompletableFuture<?> done = counts.get(List.of(r.resourceType(), r.resourceName())) > 1
                        ? CompletableFuture.failedFuture(new InvalidRequestException("Each resource must appear at most once."))
                        : Futures.attempt(() -> alter(r, data.validateOnly()));
                results.add(done.handle((v, e) -> e == null ? result
                        : result.setErrorCode(KafkaErrorMapper.toError(e).code()).setErrorMessage(KafkaErrorMapper.message(e))));
            }
            return Futures.inOrder(results);
        }).thenCompose(f -> f).thenApply(results -> {
            IncrementalAlterConfigsResponseData response = new IncrementalAlterConfigsResponseData();
            response.responses().addAll(results);
            return response;
        });
    }

    private CompletableFuture<?> alter(AlterConfigsResource r, boolean validateOnly) {
        List<String> names = new ArrayList<>();
        List<String> withoutValue = new ArrayList<>();
        for (AlterableConfig c : r.configs()) {
            names.add(c.name());
            if (c.configOperation() != AlterConfigOp.OpType.DELETE.id() && c.value() == null) {
                withoutValue.add(c.name());
            }
        }
        ConfigResources.checkChanges(names, withoutValue);
        ConfigResource.Type type = ConfigResources.type(r.resourceType());
        if (type == ConfigResource.Type.BROKER) {
            ConfigResources.checkBrokerChange(r.resourceName(), kafka.nodeId(), names);
            return CompletableFuture.completedFuture(null);
        }
        if (type != ConfigResource.Type.TOPIC) {
            throw ConfigResources.unsupported(r.resourceType());
        }
        ConfigResources.checkTopicToAlter(r.resourceName());
        List<ConfigChange> changes = new ArrayList<>();
        for (AlterableConfig c : r.configs()) {
            ConfigChange.Op op = op(c.configOperation());
            // As in Kafka, deleting a config the topic cannot have is a no-op, not an error.
            if (op != ConfigChange.Op.DELETE || LogConfigDefs.byName(c.name()).isPresent()) {
                changes.add(new ConfigChange(c.name(), op, c.value()));
            }
        }
        return kafka.logs().topics().incrementalAlterConfigs(r.resourceName(), changes, validateOnly);
    }

    private static ConfigChange.Op op(byte id) {
        AlterConfigOp.OpType type = AlterConfigOp.OpType.forId(id);
        if (type == null) {
            throw new InvalidRequestException("Unknown operations type " + id);
        }
        return ConfigChange.Op.valueOf(type.name());
    }
}
