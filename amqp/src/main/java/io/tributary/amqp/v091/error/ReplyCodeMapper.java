package io.tributary.amqp.v091.error;

import io.netty.handler.codec.TooLongFrameException;
import io.tributary.amqp.v091.codec.FrameErrorException;
import io.tributary.amqp.v091.codec.MalformedFrameException;
import io.tributary.amqp.v091.codec.Method;
import io.tributary.amqp.v091.codec.UnknownMethodException;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.CommandInvalidException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.error.ResourceLockedException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become AMQP 0-9-1 closes: which reply code, whether it closes the
 * channel or the connection, and the text ({@code "NOT_FOUND - no queue 'q' in vhost '/'"}, as
 * RabbitMQ words it). Unexpected exceptions become 541 INTERNAL_ERROR on the connection.
 */
public final class ReplyCodeMapper {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReplyCodeMapper.class);

    /** How to close: the connection (hard error) or the channel (soft error). */
    public record Closing(boolean connection, int replyCode, String replyText, int classId, int methodId) {
    }

    private ReplyCodeMapper() {
    }

    /** @param failing the method being handled, or null (framing errors) */
    public static Closing map(Throwable t, Method failing) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        int classId = failing == null ? 0 : failing.classId();
        int methodId = failing == null ? 0 : failing.methodId();
        if (e instanceof NotFoundException) {
            return channel(ChannelReplyCode.NOT_FOUND, e.getMessage(), classId, methodId);
        }
        if (e instanceof PreconditionFailedException) {
            return channel(ChannelReplyCode.PRECONDITION_FAILED, e.getMessage(), classId, methodId);
        }
        if (e instanceof AccessRefusedException) {
            return channel(ChannelReplyCode.ACCESS_REFUSED, e.getMessage(), classId, methodId);
        }
        if (e instanceof ResourceLockedException) {
            return channel(ChannelReplyCode.RESOURCE_LOCKED, e.getMessage(), classId, methodId);
        }
        if (e instanceof ChannelException c) {
            return channel(c.code(), e.getMessage(), classId, methodId);
        }
        if (e instanceof ConnectionException c) {
            return connection(c.code(), e.getMessage(), classId, methodId);
        }
        if (e instanceof CommandInvalidException) {
            return connection(ConnectionReplyCode.COMMAND_INVALID, e.getMessage(), classId, methodId);
        }
        if (e instanceof FrameErrorException || e instanceof TooLongFrameException) {
            return connection(ConnectionReplyCode.FRAME_ERROR, e.getMessage(), 0, 0);
        }
        if (e instanceof MalformedFrameException) {
            return connection(ConnectionReplyCode.SYNTAX_ERROR, e.getMessage(), classId, methodId);
        }
        if (e instanceof UnknownMethodException u) {
            return connection(ConnectionReplyCode.COMMAND_INVALID, "unknown method", u.classId(), u.methodId());
        }
        LOGGER.warn("Unexpected failure handling {}", failing == null ? "a frame" : failing.name(), e);
        return connection(ConnectionReplyCode.INTERNAL_ERROR, String.valueOf(e.getMessage()), classId, methodId);
    }

    private static Closing channel(ChannelReplyCode code, String text, int classId, int methodId) {
        return new Closing(false, code.code(), code.name() + " - " + text, classId, methodId);
    }

    private static Closing connection(ConnectionReplyCode code, String text, int classId, int methodId) {
        return new Closing(true, code.code(), code.name() + " - " + text, classId, methodId);
    }
}
