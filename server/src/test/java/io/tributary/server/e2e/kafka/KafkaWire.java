package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * One blocking connection that sends a request of any API at any version and parses the answer,
 * with kafka-clients' own request and response classes: for the versions and the legacy APIs that
 * {@code Admin} never sends (it always picks the newest, and 4.x dropped AlterConfigs).
 */
final class KafkaWire implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    KafkaWire(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.setSoTimeout(15_000);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code request} at its version and returns the parsed response. */
    @SuppressWarnings("unchecked")
    <R extends AbstractResponse> R send(AbstractRequest request) {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "kafka-wire-test", ++correlationId);
        ByteBuffer bytes = request.serializeWithHeader(header);
        try {
            out.writeInt(bytes.remaining());
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            out.flush();
            byte[] response = new byte[in.readInt()];
            in.readFully(response);
            return (R) AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a topic (CreateTopics at the newest version) and returns its id; fails the test if the broker refuses. */
    Uuid createTopic(String name, int partitions, Map<String, String> configs) {
        CreateTopicsRequestData data = new CreateTopicsRequestData();
        CreatableTopic topic = new CreatableTopic().setName(name).setNumPartitions(partitions).setReplicationFactor((short) 1);
        configs.forEach((k, v) -> topic.configs().add(new CreatableTopicConfig().setName(k).setValue(v)));
        data.topics().add(topic);
        CreateTopicsResponse response = send(new CreateTopicsRequest.Builder(data).build(ApiKeys.CREATE_TOPICS.latestVersion()));
        CreatableTopicResult r = response.data().topics().find(name);
        assertThat(r.errorCode()).as("create %s: %s", name, r.errorMessage()).isEqualTo(Errors.NONE.code());
        return r.topicId();
    }

    Uuid createTopic(String name, int partitions) {
        return createTopic(name, partitions, Map.of());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
