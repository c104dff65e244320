package io.tributary.kafka.handler.admin;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.requests.AlterConfigsRequest;

/**
 * AlterConfigs (v0–2), the legacy form that Admin 4.x no longer sends but older tools do: a
 * topic's overrides become exactly the configs given (the others go back to the broker defaults);
 * {@code validateOnly} checks without applying. A BROKER resource accepts no change, as in
 * {@link IncrementalAlterConfigsHandler}. Errors are per resource.
 */
public final class AlterConfigsHandler implements RequestHandler<AlterConfigsRequest> {
    private final KafkaContext kafka;

    public AlterConfigsHandler(KafkaContext kafka) {
        this.kafka = kafka;
    }

    @Override
    public CompletableFuture<AlterConfigsResponseData> handle(RequestContext context, AlterConfigsRequest request) {
        AlterConfigsRequestData data = request.data();
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
            AlterConfigsResponseData response = new AlterConfigsResponseData();
            response.responses().addAll(results);
            return response;
        });
    }

    private CompletableFuture<?> alter(AlterConfigsResource r, boolean validateOnly) {
        List<String> names = new ArrayList<>();
        List<String> withoutValue = new ArrayList<>();
        Map<String, String> configs = new HashMap<>();
        for (AlterableConfig c : r.configs()) {
            names.add(c.name());
            if (c.value() == null) {
                withoutValue.add(c.name());
            }
            configs.put(c.name(), c.value());
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
        return kafka.logs().topics().alterConfigs(r.resourceName(), configs, validateOnly);
    }
}
