package io.tributary.amqp.v10.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecodeException;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.codec.ReadableBuffer;

/**
 * proton's type codec, one per thread (its decoder and encoder keep state). Reads the sections of an
 * encoded message with their byte ranges, so sections can be kept or copied as they arrived.
 */
public final class Codec {
    private static final ThreadLocal<Codec> CODECS = ThreadLocal.withInitial(Codec::new);

    /** One section of an encoded message: the decoded object and where its bytes are. */
    public record Section(Object value, int start, int end) {
    }

    private final DecoderImpl decoder = new DecoderImpl();
    private final EncoderImpl encoder = new EncoderImpl(decoder);

    private Codec() {
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
    }

    public static Codec get() {
        return CODECS.get();
    }

    /**
     * The sections of {@code bytes[offset, offset+length)}, in order.
     *
     * @throws DecodeException when the bytes are not AMQP-encoded sections
     */
    public List<Section> sections(byte[] bytes, int offset, int length) {
        ReadableBuffer buf = ReadableBuffer.ByteBufferReader.wrap(ByteBuffer.wrap(bytes, offset, length));
        List<Section> out = new ArrayList<>(6);
        decoder.setBuffer(buf);
        try {
            while (buf.hasRemaining()) {
                int start = buf.position();
                Object value = decoder.readObject();
                out.add(new Section(value, start, buf.position()));
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | IndexOutOfBoundsException
                 | java.nio.BufferUnderflowException e) {
            throw new DecodeException("malformed message section: " + e.getMessage(), e);
        } finally {
            decoder.setBuffer(null);
        }
        return out;
    }

    /** Appends the encoding of {@code value} (a section or any AMQP value) to {@code out}. */
    public void write(ByteBuf out, Object value) {
        encoder.setByteBuffer(new ByteBufWritable(out));
        try {
            encoder.writeObject(value);
        } finally {
            encoder.setByteBuffer((org.apache.qpid.proton.codec.WritableBuffer) null);
        }
    }

    /** The encoding of {@code value} as a byte array. */
    public byte[] encode(Object value) {
        ByteBuf b = Unpooled.buffer(64);
        write(b, value);
        return toArray(b);
    }

    static byte[] toArray(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }
}
