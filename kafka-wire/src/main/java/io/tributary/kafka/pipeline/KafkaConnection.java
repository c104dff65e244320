package io.tributary.kafka.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutorGroup;
import io.tributary.kafka.ClientConnection;
import io.tributary.kafka.codec.RequestFrame;
import io.tributary.kafka.codec.ResponseFrame;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a Kafka connection: hands each request to the {@link RequestProcessor} and
 * writes the responses strictly in request order, as Kafka clients require. Responses that complete
 * early wait for those before them; when the head completes, the ready prefix is written and
 * flushed once.
 *
 * <p>The in-flight queue is bounded: when it is full the connection stops reading, which is the
 * backpressure a client that pipelines requests feels.
 */
public final class KafkaConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(KafkaConnection.class);

    private final RequestProcessor processor;
    private final EventExecutorGroup storage;
    private final int maxInFlight;
    private final ArrayDeque<CompletableFuture<ResponseFrame>> inFlight = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ClientConnection client;

    public KafkaConnection(RequestProcessor processor, EventExecutorGroup storage, int maxInFlight) {
        this.processor = processor;
        this.storage = storage;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.client = new ClientConnection(context.channel(), storage.next());
        processor.connected(client);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        RequestFrame request = (RequestFrame) msg;
        CompletableFuture<ResponseFrame> response;
        try {
            response = processor.process(request, client);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        inFlight.add(response);
        if (inFlight.size() >= maxInFlight && context.channel().config().isAutoRead()) {
            context.channel().config().setAutoRead(false);
        }
        response.whenComplete((r, e) -> scheduleWrite());
    }

    private void scheduleWrite() {
        if (ctx.executor().inEventLoop()) {
            writeReady();
        } else {
            ctx.executor().execute(this::writeReady);
        }
    }

    private void writeReady() {
        boolean wrote = false;
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            CompletableFuture<ResponseFrame> head = inFlight.poll();
            ResponseFrame response;
            try {
                response = head.join();
            } catch (CompletionException e) {
                closeFor(e.getCause() == null ? e : e.getCause());
                return;
            }
            if (response != null && ctx.channel().isActive()) {
                ctx.write(response, ctx.voidPromise());
                wrote = true;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (!ctx.channel().config().isAutoRead() && inFlight.size() < maxInFlight) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOGGER.debug("Closing idle Kafka connection from {}", context.channel().remoteAddress());
            context.close();
        } else {
            super.userEventTriggered(context, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        closeFor(cause);
    }

    private void closeFor(Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (reason instanceof IOException) {
            LOGGER.debug("Kafka connection from {} failed: {}", ctx.channel().remoteAddress(), reason.toString());
        } else if (reason instanceof TooLongFrameException) {
            LOGGER.warn("Closing Kafka connection from {}: request larger than kafka.max.request.bytes ({})",
                    ctx.channel().remoteAddress(), reason.getMessage());
        } else {
            LOGGER.warn("Closing Kafka connection from {}: {}", ctx.channel().remoteAddress(), reason.getMessage(),
                    LOGGER.isDebugEnabled() ? reason : null);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        inFlight.clear();
        super.channelInactive(context);
    }
}
