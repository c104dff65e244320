package io.tributary.amqp.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tributary.amqp.AmqpChannelInitializer;
import io.tributary.amqp.AmqpContext;
import io.tributary.amqp.AmqpLimits;
import io.tributary.amqp.auth.AuthenticationException;
import io.tributary.amqp.auth.Authenticator;
import io.tributary.exchanges.TopologyListener;
import io.tributary.exchanges.type.ExchangeTypeRegistry;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.amqp.v10.message.Amqp10Format;
import io.tributary.exchanges.message.MessageFormats;
import io.tributary.fuzz.Mutator;
import io.tributary.fuzz.TrackingAllocator;
import io.tributary.logstore.flush.LogFlusher;
import io.tributary.logstore.time.ExecutorScheduler;
import io.tributary.logstore.time.Time;
import io.tributary.queues.QueueEnvironment;
import io.tributary.queues.QueueFactory;
import io.tributary.queues.store.QueueStores;
import io.tributary.queues.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs inputs against the AMQP port's real pipeline (protocol detector, then the 0-9-1 or 1.0
 * handlers over an in-memory routing core) in {@link EmbeddedChannel}s, one per input, and counts
 * crashes (an exception reaching the end of the pipeline or thrown out of it) and leaks (buffers
 * never released). Inputs arrive in two pieces, as a socket may deliver them.
 */
public final class FuzzHarness {
    /** Fuzz budget: {@code -Dfuzz.inputs}, {@code -Dfuzz.seed}. */
    public static final int INPUTS = Integer.getInteger("fuzz.inputs", 3_000);
    public static final long SEED = Long.getLong("fuzz.seed", 20_261_101L);

    /** Inputs per routing core: what mutated sessions declare (queues under random names) is dropped with it. */
    private static final int INPUTS_PER_CONTEXT = 1_000;

    private AmqpContext context;
    private final TrackingAllocator alloc = new TrackingAllocator();

    /** What a run found. */
    public record Result(int inputs, int closed, int crashes, int leaks, List<String> firstCrashes) {
        @Override
        public String toString() {
            return inputs + " inputs tried, " + closed + " closed their connection, " + crashes + " crashes, " + leaks + " leaks";
        }
    }

    public FuzzHarness() {
        context = newContext();
    }

    private static final LogFlusher FLUSHER = new LogFlusher(1, Time.SYSTEM);
    private static final ExecutorScheduler TIMERS = new ExecutorScheduler("fuzz-queue-timer", 1);

    private static AmqpContext newContext() {
        VirtualHosts vhosts = new VirtualHosts(ExchangeTypeRegistry.withBuiltIns(), TopologyListener.NONE);
        Path dir;
        try {
            dir = Files.createTempDirectory("amqp-fuzz-");
            dir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        QueueStores stores = new QueueStores(dir, StoreSettings.DEFAULTS,
                new MessageFormats().register(BasicProperties.FORMAT).register(Amqp10Format.FORMAT), FLUSHER);
        QueueEnvironment env = new QueueEnvironment(stores, () -> Runnable::run, Time.SYSTEM, TIMERS, vhosts,
                q -> vhosts.get(q.definition().vhost()).deleteQueue(q));
        Authenticator guest = new Authenticator() {
            @Override
            public String authenticate(String username, String password, SocketAddress remote) {
                if (!"guest".equals(username) || !"guest".equals(password)) {
                    throw new AuthenticationException("invalid credentials");
                }
                return username;
            }

            @Override
            public String authenticateAnonymous(SocketAddress remote) {
                return "guest";
            }
        };
        return new AmqpContext(vhosts, new QueueFactory(env), guest,
                new AmqpLimits(131_072, 2047, 0, 1_048_576), "fuzz");
    }

    public EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new AmqpChannelInitializer(context));
        return ch;
    }

    /** Feeds one input; returns the channel still open or closed, or throws what escaped. */
    public boolean feed(EmbeddedChannel ch, byte[] input, int split) {
        ByteBuf in = alloc.heapBuffer(Math.max(1, input.length)).writeBytes(input);
        try {
            ch.writeInbound(in.retainedSlice(0, split));
            if (ch.isOpen()) {
                ch.writeInbound(in.retainedSlice(split, input.length - split));
            }
            ch.runPendingTasks();
            ch.checkException();
            return ch.isOpen();
        } finally {
            in.release();
        }
    }

    public Result run(Supplier<byte[]> inputs, Mutator m, int count) {
        int crashes = 0;
        int leaks = 0;
        int closed = 0;
        List<String> first = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i > 0 && i % INPUTS_PER_CONTEXT == 0) {
                context = newContext();
            }
            byte[] input = inputs.get();
            EmbeddedChannel ch = channel();
            try {
                if (!feed(ch, input, input.length == 0 ? 0 : m.random().nextInt(input.length + 1))) {
                    closed++;
                }
            } catch (Throwable t) {
                crashes++;
                if (first.size() < 5) {
                    first.add("input " + i + ": " + t);
                }
            } finally {
                release(ch);
            }
            leaks += alloc.unreleased();
        }
        return new Result(count, closed, crashes, leaks, first);
    }

    /** Closes the channel (running what closing schedules) and releases what it wrote. */
    public void release(EmbeddedChannel ch) {
        try {
            ch.close();
            ch.runPendingTasks();
            ch.finishAndReleaseAll();
        } catch (RuntimeException e) {
            // a failure recorded while closing: counted by the caller's checkException, if it matters
        }
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    public AmqpContext context() {
        return context;
    }

    public TrackingAllocator allocator() {
        return alloc;
    }
}
