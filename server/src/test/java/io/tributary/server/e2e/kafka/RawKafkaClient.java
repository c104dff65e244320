package io.tributary.server.e2e.kafka;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A bare Kafka connection for tests that must send what a well-behaved client would not (a repeated
 * batch, an unknown API, an oversized frame). Requests and responses are still serialised by
 * kafka-clients' own classes; only the socket handling is ours.
 */
final class RawKafkaClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int correlationId;

    RawKafkaClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code request} at {@code version} and returns the parsed response. */
    AbstractResponse send(AbstractRequest.Builder<?> builder, short version) throws IOException {
        AbstractRequest request = builder.build(version);
        RequestHeader header = new RequestHeader(builder.apiKey(), version, "raw-test", ++correlationId);
        writeFrame(request.serializeWithHeader(header));
        return AbstractResponse.parseResponse(readFrame(), header);
    }

    /** Writes {@code payload} with its size prefix. */
    void writeFrame(ByteBuffer payload) throws IOException {
        byte[] bytes = new byte[4 + payload.remaining()];
        ByteBuffer.wrap(bytes).putInt(payload.remaining()).put(payload);
        out.write(bytes);
        out.flush();
    }

    /** Writes raw bytes (a frame of any shape). */
    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    ByteBuffer readFrame() throws IOException {
        int size = in.readInt();
        byte[] body = new byte[size];
        in.readFully(body);
        return ByteBuffer.wrap(body);
    }

    /** True once the broker has closed the connection (a read returns end of stream). */
    boolean closedByBroker() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Waits (up to the 10 s read timeout, which throws) for the broker to close the connection cleanly. */
    boolean endOfStream() throws IOException {
        return in.read() < 0;
    }

    static short latest(ApiKeys key) {
        return key.latestVersion();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
