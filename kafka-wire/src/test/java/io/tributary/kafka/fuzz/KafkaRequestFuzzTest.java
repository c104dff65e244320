package io.tributary.kafka.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.tributary.fuzz.Mutator;
import io.tributary.fuzz.TrackingAllocator;
import io.tributary.kafka.codec.KafkaRequestDecoder;
import io.tributary.kafka.codec.KafkaResponseEncoder;
import io.tributary.kafka.pipeline.KafkaConnection;
import io.tributary.kafka.pipeline.RequestProcessor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the Kafka request path (frame decoder → request decoder → connection → response encoder) in
 * an {@link EmbeddedChannel}: mutations of a valid request of every API and version. Every decoded
 * request is answered with its API's error response, so the encoder runs too. Properties: no exception
 * reaches the end of the pipeline, every buffer is released (counted by the allocator, and Netty's
 * paranoid leak detection in the test JVM), and an unreadable input closes that connection only.
 *
 * <p>Budget: {@code -Dfuzz.inputs} (default 4,000 here; the README has a longer run) and
 * {@code -Dfuzz.seed}.
 */
class KafkaRequestFuzzTest {
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 4_000);
    static final long SEED = Long.getLong("fuzz.seed", 20_261_101L);

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (ApiKeys key : ApiKeys.values()) {
            if (!key.hasValidVersion()) {
                continue;
            }
            for (short v = key.oldestVersion(); v <= key.latestVersion(); v++) {
                try {
                    ApiMessage body = ApiMessageType.fromApiKey(key.id).newRequest();
                    RequestHeaderData header = new RequestHeaderData().setRequestApiKey(key.id).setRequestApiVersion(v)
                            .setCorrelationId(7).setClientId("fuzz");
                    ByteBuffer b = RequestUtils.serialize(header, key.requestHeaderVersion(v), body, v);
                    byte[] frame = new byte[4 + b.remaining()];
                    ByteBuffer.wrap(frame).putInt(b.remaining()).put(b);
                    seeds.add(frame);
                } catch (RuntimeException e) {
                    // a default body that cannot be written at this version (a required field unset): not a seed
                }
            }
        }
        return seeds;
    }

    /** Answers every request with its API's error response (or nothing, for acks=0 Produce). */
    private static final RequestProcessor ERRORS = (frame, connection) -> {
        try {
            return CompletableFuture.completedFuture(frame.respond(frame.request().getErrorResponse(0,
                    Errors.UNKNOWN_SERVER_ERROR.exception()).data()));
        } finally {
            frame.release();
        }
    };

    static EmbeddedChannel channel(TrackingAllocator alloc) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast("frame", new LengthFieldBasedFrameDecoder(1024 * 1024 + 4, 0, 4, 0, 4))
                .addLast("request", new KafkaRequestDecoder())
                .addLast("response", new KafkaResponseEncoder())
                .addLast("connection", new KafkaConnection(ERRORS, ImmediateEventExecutor.INSTANCE, 64));
        return ch;
    }

    @Test
    void mutatedRequestsNeverEscapeLeakOrHang() {
        List<byte[]> seeds = seeds();
        assertThat(seeds).hasSizeGreaterThan(300);
        Mutator m = new Mutator(SEED, seeds);
        TrackingAllocator alloc = new TrackingAllocator();
        int crashes = 0;
        int leaks = 0;
        int closed = 0;
        List<String> firstCrashes = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = m.next();
            EmbeddedChannel ch = channel(alloc);
            try {
                ByteBuf in = alloc.heapBuffer(input.length).writeBytes(input);
                // in pieces, as a socket delivers them
                int split = input.length == 0 ? 0 : m.random().nextInt(input.length + 1);
                ch.writeInbound(in.retainedSlice(0, split));
                if (ch.isOpen()) {
                    ch.writeInbound(in.retainedSlice(split, input.length - split));
                }
                in.release();
                ch.runPendingTasks();
                ch.checkException();
                if (!ch.isOpen()) {
                    closed++;
                }
            } catch (Throwable t) {
                crashes++;
                if (firstCrashes.size() < 5) {
                    firstCrashes.add("input " + i + ": " + t);
                }
            } finally {
                ch.finishAndReleaseAll();
                drain(ch);
            }
            leaks += alloc.unreleased();
        }
        System.out.printf("Kafka request fuzz: seed %d, %d inputs tried, %d closed their connection, %d crashes, %d leaks%n", SEED, INPUTS,
                closed, crashes, leaks);
        assertThat(firstCrashes).as("crashes").isEmpty();
        assertThat(leaks).as("leaked buffers").isZero();
        assertThat(closed).as("most mutations are unreadable and close the connection").isPositive();
    }

    @Test
    void everySeedIsAnsweredAndLeavesTheConnectionOpen() {
        TrackingAllocator alloc = new TrackingAllocator();
        int answered = 0;
        int open = 0;
        for (byte[] seed : seeds()) {
            EmbeddedChannel ch = channel(alloc);
            ch.writeInbound(alloc.heapBuffer(seed.length).writeBytes(seed));
            ch.runPendingTasks();
            ch.checkException();
            Object out;
            while ((out = ch.readOutbound()) != null) {
                answered++;
                ReferenceCountUtil.release(out);
            }
            if (ch.isOpen()) {
                open++;
            }
            ch.finishAndReleaseAll();
            assertThat(alloc.unreleased()).isZero();
        }
        // the rest are versions kafka-clients no longer serves (unstable or removed): refused and closed, as Kafka does
        assertThat(answered).isGreaterThan(250);
        assertThat(open).isEqualTo(answered);
    }

    private static void drain(EmbeddedChannel ch) {
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ReferenceCountUtil.release(o);
        }
        while ((o = ch.readInbound()) != null) {
            ReferenceCountUtil.release(o);
        }
    }
}
