package io.tributary.kafka.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.tributary.config.security.LoginRefusedException;
import io.tributary.config.security.ScramSecret;
import io.tributary.config.security.UserDirectory;
import io.tributary.config.security.VhostPermissions;
import io.tributary.fuzz.Mutator;
import io.tributary.fuzz.TrackingAllocator;
import io.tributary.kafka.codec.KafkaRequestDecoder;
import io.tributary.kafka.codec.KafkaResponseEncoder;
import io.tributary.kafka.handler.ApiVersionsHandler;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.handler.sasl.SaslGate;
import io.tributary.kafka.pipeline.KafkaConnection;
import io.tributary.kafka.pipeline.RequestProcessor;
import io.tributary.kafka.security.KafkaSecurity;
import io.tributary.kafka.security.SecurityProtocol;
import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes a SASL listener's gate and handlers: mutated ApiVersions/SaslHandshake/SaslAuthenticate
 * exchanges (PLAIN tokens, SCRAM client-first messages) followed by a Metadata request. Properties
 * as in {@link KafkaRequestFuzzTest}; a token kafka-clients' SASL servers cannot parse must fail the
 * authentication, never escape.
 */
class SaslFuzzTest {
    private static final ScramCredential CREDENTIAL;

    static {
        try {
            CREDENTIAL = new ScramFormatter(ScramMechanism.SCRAM_SHA_256).generateCredential("p", 4096);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One user {@code u}/{@code p}. */
    static final UserDirectory USERS = new UserDirectory() {
        @Override
        public String authenticate(String username, String password, SocketAddress remote) {
            if ("u".equals(username) && "p".equals(password)) {
                return username;
            }
            throw new LoginRefusedException("invalid credentials");
        }

        @Override
        public void checkLogin(String username, SocketAddress remote, boolean mustExist) {
            if (!"u".equals(username)) {
                throw new LoginRefusedException("unknown");
            }
        }

        @Override
        public void loginFailed(SocketAddress remote, String reason) {
        }

        @Override
        public Optional<ScramSecret> scramSecret(String username, String mechanism) {
            return "u".equals(username) && SCRAM_SHA_256.equals(mechanism) ? Optional.of(new ScramSecret(CREDENTIAL.salt(),
                    CREDENTIAL.iterations(), CREDENTIAL.storedKey(), CREDENTIAL.serverKey())) : Optional.empty();
        }

        @Override
        public Optional<VhostPermissions> permissions(String username, String vhost) {
            return Optional.empty();
        }

        @Override
        public Set<String> tags(String username) {
            return Set.of();
        }

        @Override
        public boolean exists(String username) {
            return "u".equals(username);
        }
    };

    static byte[] frame(ApiKeys key, short version, ApiMessage body, int correlationId) {
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(key.id).setRequestApiVersion(version)
                .setCorrelationId(correlationId).setClientId("fuzz");
        ByteBuffer b = RequestUtils.serialize(header, key.requestHeaderVersion(version), body, version);
        byte[] f = new byte[4 + b.remaining()];
        ByteBuffer.wrap(f).putInt(b.remaining()).put(b);
        return f;
    }

    static byte[] exchange(String mechanism, byte[] token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(frame(ApiKeys.API_VERSIONS, (short) 3, new ApiVersionsRequestData().setClientSoftwareName("fuzz")
                .setClientSoftwareVersion("1"), 1));
        out.writeBytes(frame(ApiKeys.SASL_HANDSHAKE, (short) 1, new SaslHandshakeRequestData().setMechanism(mechanism), 2));
        out.writeBytes(frame(ApiKeys.SASL_AUTHENTICATE, (short) 2, new SaslAuthenticateRequestData().setAuthBytes(token), 3));
        out.writeBytes(frame(ApiKeys.METADATA, (short) 12, new MetadataRequestData(), 4));
        return out.toByteArray();
    }

    static EmbeddedChannel channel(TrackingAllocator alloc) {
        RequestDispatcher d = new RequestDispatcher();
        d.register(ApiKeys.API_VERSIONS, new ApiVersionsHandler(d::apis))
                .<org.apache.kafka.common.requests.MetadataRequest>register(ApiKeys.METADATA, (c, r) -> java.util.concurrent.CompletableFuture
                        .completedFuture(new org.apache.kafka.common.message.MetadataResponseData()));
        RequestProcessor gate = SaslGate.install(d, new KafkaSecurity(SecurityProtocol.SASL_PLAINTEXT, List.of("PLAIN", "SCRAM-SHA-256"),
                USERS, null));
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1024 * 1024 + 4, 0, 4, 0, 4)).addLast(new KafkaRequestDecoder())
                .addLast(new KafkaResponseEncoder()).addLast(new KafkaConnection(gate, ImmediateEventExecutor.INSTANCE, 64));
        return ch;
    }

    @Test
    void mutatedSaslExchangesNeverEscapeOrLeak() {
        List<byte[]> seeds = List.of(exchange("PLAIN", "\0u\0p".getBytes(StandardCharsets.UTF_8)),
                exchange("SCRAM-SHA-256", "n,,n=u,r=fyko+d2lbbFgONRv9qkxdawL".getBytes(StandardCharsets.UTF_8)),
                exchange("PLAIN", "u\0u\0wrong".getBytes(StandardCharsets.UTF_8)));
        Mutator m = new Mutator(KafkaRequestFuzzTest.SEED, seeds);
        TrackingAllocator alloc = new TrackingAllocator();
        int crashes = 0;
        int leaks = 0;
        List<String> first = new ArrayList<>();
        for (int i = 0; i < KafkaRequestFuzzTest.INPUTS / 2; i++) {
            byte[] input = m.next();
            EmbeddedChannel ch = channel(alloc);
            try {
                ByteBuf in = alloc.heapBuffer(Math.max(1, input.length)).writeBytes(input);
                ch.writeInbound(in);
                ch.runPendingTasks();
                ch.checkException();
            } catch (Throwable t) {
                crashes++;
                if (first.size() < 5) {
                    first.add("input " + i + ": " + t);
                }
            } finally {
                ch.finishAndReleaseAll();
            }
            leaks += alloc.unreleased();
        }
        System.out.printf("Kafka SASL fuzz: seed %d, %d inputs tried, %d crashes, %d leaks%n", KafkaRequestFuzzTest.SEED,
                KafkaRequestFuzzTest.INPUTS / 2, crashes, leaks);
        assertThat(first).as("crashes").isEmpty();
        assertThat(leaks).as("leaked buffers").isZero();
    }

    @Test
    void theUnmutatedPlainExchangeAuthenticates() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel ch = channel(alloc);
        byte[] input = exchange("PLAIN", "\0u\0p".getBytes(StandardCharsets.UTF_8));
        ch.writeInbound(alloc.heapBuffer(input.length).writeBytes(input));
        ch.runPendingTasks();
        ch.checkException();
        assertThat(ch.isOpen()).as("authenticated, and the Metadata after it is not refused by the gate").isTrue();
        ch.finishAndReleaseAll();
        assertThat(alloc.unreleased()).isZero();
    }
}
