package io.tributary.amqp.v091.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.tributary.exchanges.message.MessageProperties;
import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {
    @Test
    void fieldTablesRoundTripEveryRabbitMqType() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("bool", true);
        t.put("byte", (byte) -3);
        t.put("short", (short) -300);
        t.put("int", -70_000);
        t.put("long", 1L << 40);
        t.put("float", 1.5f);
        t.put("double", 2.25d);
        t.put("decimal", new BigDecimal("12.345"));
        t.put("string", "grüße");
        t.put("bytes", new byte[] {1, 2, 3});
        t.put("array", List.of(1, "two", List.of(false)));
        t.put("time", new Date(1_700_000_000_000L));
        t.put("table", Map.of("nested", 1));
        t.put("void", null);
        ByteBuf b = Unpooled.buffer();
        FieldTable.write(b, t);
        Map<String, Object> back = FieldTable.read(b);
        assertThat(back.keySet()).containsExactlyElementsOf(t.keySet());
        assertThat(back.get("bytes")).isEqualTo(new byte[] {1, 2, 3});
        back.remove("bytes");
        t.remove("bytes");
        assertThat(back).isEqualTo(t);
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void unsignedTypesAreRead() {
        ByteBuf b = Unpooled.buffer();
        int lenAt = b.writerIndex();
        b.writeInt(0);
        Wire.writeShortStr(b, "B");
        b.writeByte('B').writeByte(200);
        Wire.writeShortStr(b, "u");
        b.writeByte('u').writeShort(60_000);
        Wire.writeShortStr(b, "i");
        b.writeByte('i').writeInt(-1);
        b.setInt(lenAt, b.writerIndex() - 4);
        assertThat(FieldTable.read(b)).containsEntry("B", (short) 200).containsEntry("u", 60_000).containsEntry("i", 4_294_967_295L);
    }

    @Test
    void truncatedTableIsASyntaxError() {
        ByteBuf b = Unpooled.buffer().writeInt(100).writeByte(1);
        assertThatThrownBy(() -> FieldTable.read(b)).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void basicPropertiesRoundTrip() {
        MessageProperties p = new MessageProperties("text/plain", "gzip", Map.of("k", "v"), 2, 5, "corr", "reply", "1000",
                "id", 1_700_000_000L, "type", "user", "app", null);
        assertThat(BasicProperties.FORMAT.decode(BasicProperties.FORMAT.encode(p))).isEqualTo(p);
        MessageProperties sparse = new MessageProperties(null, null, null, 1, null, null, "r", null, null, null, null, null, null, null);
        assertThat(BasicProperties.FORMAT.decode(BasicProperties.FORMAT.encode(sparse))).isEqualTo(sparse);
    }

    @Test
    void framesFedInPiecesAreReassembledAndParsed() {
        EmbeddedChannel ch = new EmbeddedChannel(new Amqp091FrameDecoder(4096), new Amqp091FrameParser());
        ByteBuf frames = Unpooled.buffer();
        frames.writeByte(1).writeShort(1).writeInt(0);
        int start = frames.writerIndex();
        frames.writeShort(60).writeShort(80).writeLong(7).writeByte(1);
        frames.setInt(3, frames.writerIndex() - start);
        frames.writeByte(0xCE);
        frames.writeByte(3).writeShort(1).writeInt(3).writeBytes(new byte[] {9, 8, 7}).writeByte(0xCE);
        frames.writeByte(8).writeShort(0).writeInt(0).writeByte(0xCE);
        while (frames.isReadable()) {
            ch.writeInbound(frames.readRetainedSlice(Math.min(5, frames.readableBytes())));
        }
        frames.release();
        Frame.MethodFrame ack = ch.readInbound();
        assertThat(ack.method()).isEqualTo(new BasicMethods.Ack(7, true));
        Frame.BodyFrame body = ch.readInbound();
        assertThat(body.content().readableBytes()).isEqualTo(3);
        body.content().release();
        assertThat((Object) ch.readInbound()).isInstanceOf(Frame.Heartbeat.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void wrongFrameEndAndOversizedFramesAreFrameErrors() {
        EmbeddedChannel bad = new EmbeddedChannel(new Amqp091FrameDecoder(4096), new Amqp091FrameParser());
        ByteBuf f = Unpooled.buffer().writeByte(8).writeShort(0).writeInt(0).writeByte(0x00);
        assertThatThrownBy(() -> bad.writeInbound(f)).hasCauseInstanceOf(FrameErrorException.class);
        EmbeddedChannel big = new EmbeddedChannel(new Amqp091FrameDecoder(4096), new Amqp091FrameParser());
        ByteBuf g = Unpooled.buffer().writeByte(3).writeShort(1).writeInt(10_000).writeBytes(new byte[16]);
        assertThatThrownBy(() -> big.writeInbound(g)).isInstanceOf(TooLongFrameException.class);
        bad.finishAndReleaseAll();
        big.finishAndReleaseAll();
    }

    @Test
    void contentIsSplitAtFrameMax() {
        byte[] body = new byte[10_000];
        ByteBuf out = FrameWriter.content(ByteBufAllocator.DEFAULT, 1, new BasicMethods.Deliver("t", 1, false, "", "q"),
                new byte[0], body, 4096);
        EmbeddedChannel ch = new EmbeddedChannel(new Amqp091FrameDecoder(4096));
        ch.writeInbound(out);
        ByteBuf method = ch.readInbound();
        assertThat(method.getByte(0)).isEqualTo((byte) Frame.TYPE_METHOD);
        method.release();
        ByteBuf header = ch.readInbound();
        assertThat(header.getByte(0)).isEqualTo((byte) Frame.TYPE_HEADER);
        assertThat(header.getLong(7 + 4)).isEqualTo(10_000);
        header.release();
        int total = 0;
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            assertThat(b.getByte(0)).isEqualTo((byte) Frame.TYPE_BODY);
            assertThat(b.readableBytes()).isLessThanOrEqualTo(4096);
            total += b.readableBytes() - Frame.OVERHEAD;
            b.release();
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void unknownMethodIsRefused() {
        assertThatThrownBy(() -> MethodDecoder.decode(60, 999, Unpooled.buffer())).isInstanceOf(UnknownMethodException.class);
    }
}
