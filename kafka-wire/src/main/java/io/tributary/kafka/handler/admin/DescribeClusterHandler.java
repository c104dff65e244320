package io.tributary.kafka.handler.admin;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.handler.BrokerEndpoint;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeClusterRequest;

/**
 * DescribeCluster (v0–2): the cluster id, this node as the only broker and as the controller Kafka
 * clients see. This is a broker endpoint: a request for controller endpoints (v1+) is
 * {@code MISMATCHED_ENDPOINT_TYPE}, an unknown endpoint type {@code UNSUPPORTED_ENDPOINT_TYPE}
 * (both {@code INVALID_REQUEST} at v0, as in Kafka). Authorized operations are not computed (there
 * is no authorizer), so the field keeps its "not provided" default.
 */
public final class DescribeClusterHandler implements RequestHandler<DescribeClusterRequest> {
    /** Kafka's {@code EndpointType.BROKER} and {@code CONTROLLER} ids. */
    private static final byte BROKER_ENDPOINT = 1;
    private static final byte CONTROLLER_ENDPOINT = 2;

    private final KafkaContext kafka;

    public DescribeClusterHandler(KafkaContext kafka) {
        this.kafka = kafka;
    }

    @Override
    public CompletableFuture<DescribeClusterResponseData> handle(RequestContext context, DescribeClusterRequest request) {
        DescribeClusterRequestData data = request.data();
        boolean v0 = context.apiVersion() == 0;
        DescribeClusterResponseData response = new DescribeClusterResponseData();
        if (data.endpointType() != BROKER_ENDPOINT) {
            boolean known = data.endpointType() == CONTROLLER_ENDPOINT;
            Errors error = v0 ? Errors.INVALID_REQUEST : known ? Errors.MISMATCHED_ENDPOINT_TYPE : Errors.UNSUPPORTED_ENDPOINT_TYPE;
            String message = known ? "The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER"
                    : "Unsupported endpoint type " + data.endpointType();
            return CompletableFuture.completedFuture(response.setErrorCode(error.code()).setErrorMessage(message));
        }
        response.setClusterId(kafka.clusterId())
                .setControllerId(kafka.leadership().controllerId())
                .setEndpointType(BROKER_ENDPOINT);
        for (BrokerEndpoint b : kafka.leadership().brokers()) {
            response.brokers().add(new DescribeClusterBroker()
                    .setBrokerId(b.nodeId())
                    .setHost(b.host())
                    .setPort(b.port())
                    .setRack(null)
                    .setIsFenced(false));
        }
        return CompletableFuture.completedFuture(response);
    }
}
