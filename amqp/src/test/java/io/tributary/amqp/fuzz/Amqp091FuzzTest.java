package io.tributary.amqp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.amqp.v091.codec.FieldTable;
import io.tributary.amqp.v091.codec.MalformedFrameException;
import io.tributary.amqp.v091.codec.Wire;
import io.tributary.fuzz.Mutator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the AMQP 0-9-1 side of the AMQP port: a scripted client session (handshake, declares with
 * field tables of every type, bind, publish with properties and body, get, consume, ack, close), its
 * first k frames kept intact and the rest mutated, so mutations reach every stage; and the field-table
 * decoder on its own. See {@link FuzzHarness} for the properties checked.
 */
class Amqp091FuzzTest {
    private static final byte[] HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    static byte[] method(int channel, int classId, int methodId, Consumer<ByteBuf> args) {
        ByteBuf payload = Unpooled.buffer();
        payload.writeShort(classId).writeShort(methodId);
        args.accept(payload);
        return frame(1, channel, payload);
    }

    static byte[] frame(int type, int channel, ByteBuf payload) {
        ByteBuf f = Unpooled.buffer();
        f.writeByte(type).writeShort(channel).writeInt(payload.readableBytes()).writeBytes(payload).writeByte(0xCE);
        payload.release();
        byte[] b = ByteBufUtil.getBytes(f);
        f.release();
        return b;
    }

    static Map<String, Object> table() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("s", "string");
        t.put("i", 42);
        t.put("l", 1L << 40);
        t.put("b", true);
        t.put("d", 2.5d);
        t.put("x", new byte[] {1, 2, 3});
        t.put("nested", Map.of("k", "v"));
        t.put("list", List.of(1, "two"));
        return t;
    }

    /** The frames of one client session. */
    static List<byte[]> session() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(HEADER);
        frames.add(method(0, 10, 11, b -> {
            FieldTable.write(b, Map.of("product", "fuzz", "capabilities", Map.of("connection.blocked", true)));
            Wire.writeShortStr(b, "PLAIN");
            Wire.writeLongStr(b, "\0guest\0guest".getBytes(StandardCharsets.UTF_8));
            Wire.writeShortStr(b, "en_US");
        }));
        frames.add(method(0, 10, 31, b -> b.writeShort(16).writeInt(131_072).writeShort(0)));
        frames.add(method(0, 10, 40, b -> {
            Wire.writeShortStr(b, "/");
            Wire.writeShortStr(b, "");
            b.writeByte(0);
        }));
        frames.add(method(1, 20, 10, b -> Wire.writeShortStr(b, "")));
        frames.add(method(1, 40, 10, b -> {
            b.writeShort(0);
            Wire.writeShortStr(b, "fx");
            Wire.writeShortStr(b, "topic");
            b.writeByte(0);
            FieldTable.write(b, table());
        }));
        frames.add(method(1, 50, 10, b -> {
            b.writeShort(0);
            Wire.writeShortStr(b, "fq");
            b.writeByte(0);
            FieldTable.write(b, Map.of("x-max-length", 10, "x-message-ttl", 60_000));
        }));
        frames.add(method(1, 50, 20, b -> {
            b.writeShort(0);
            Wire.writeShortStr(b, "fq");
            Wire.writeShortStr(b, "fx");
            Wire.writeShortStr(b, "a.#");
            b.writeByte(0);
            FieldTable.write(b, table());
        }));
        frames.add(method(1, 60, 40, b -> {
            b.writeShort(0);
            Wire.writeShortStr(b, "fx");
            Wire.writeShortStr(b, "a.b");
            b.writeByte(0);
        }));
        ByteBuf header = Unpooled.buffer();
        header.writeShort(60).writeShort(0).writeLong(5).writeShort(0x8000 | 0x2000 | 0x1000);
        Wire.writeShortStr(header, "text/plain");
        FieldTable.write(header, table());
        header.writeByte(2);
        frames.add(frame(2, 1, header));
        frames.add(frame(3, 1, Unpooled.wrappedBuffer("hello".getBytes(StandardCharsets.UTF_8))));
        frames.add(method(1, 60, 70, b -> {
            b.writeShort(0);
            Wire.writeShortStr(b, "fq");
            b.writeByte(0);
        }));
        frames.add(method(1, 60, 20, b -> {
            b.writeShort(0);
            Wire.writeShortStr(b, "fq");
            Wire.writeShortStr(b, "ctag");
            b.writeByte(0);
            FieldTable.write(b, Map.of());
        }));
        frames.add(method(1, 60, 80, b -> b.writeLong(1).writeByte(1)));
        frames.add(method(1, 20, 40, b -> Wire.writeClose(b, 200, "bye", 0, 0)));
        frames.add(method(0, 10, 50, b -> Wire.writeClose(b, 200, "bye", 0, 0)));
        return frames;
    }

    static byte[] concat(List<byte[]> parts, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(parts.get(i));
        }
        return out.toByteArray();
    }

    @Test
    void theScriptedSessionRunsCleanly() {
        FuzzHarness h = new FuzzHarness();
        List<byte[]> frames = session();
        EmbeddedChannel ch = h.channel();
        h.feed(ch, concat(frames, 0, frames.size() - 1), 0);
        assertThat(ch.isOpen()).as("a valid session stays open until it closes itself").isTrue();
        h.release(ch);
        assertThat(h.allocator().unreleased()).isZero();
    }

    @Test
    void mutatedSessionsNeverEscapeOrLeak() {
        FuzzHarness h = new FuzzHarness();
        List<byte[]> frames = session();
        Mutator m = new Mutator(FuzzHarness.SEED, List.of(concat(frames, 0, frames.size())));
        FuzzHarness.Result r = h.run(() -> {
            int keep = m.random().nextInt(frames.size());
            byte[] prefix = concat(frames, 0, keep);
            byte[] rest = m.mutated(concat(frames, keep, frames.size()));
            byte[] all = new byte[prefix.length + rest.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(rest, 0, all, prefix.length, rest.length);
            return all;
        }, m, FuzzHarness.INPUTS);
        System.out.println("AMQP 0-9-1 fuzz: seed " + FuzzHarness.SEED + ", " + r);
        assertThat(r.firstCrashes()).as("crashes").isEmpty();
        assertThat(r.leaks()).as("leaked buffers").isZero();
        assertThat(r.closed()).isPositive();
    }

    @Test
    void fieldTablesDecodeOrFailAsMalformed() {
        ByteBuf seed = Unpooled.buffer();
        FieldTable.write(seed, table());
        Mutator m = new Mutator(FuzzHarness.SEED, List.of(ByteBufUtil.getBytes(seed)));
        seed.release();
        int decoded = 0;
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < FuzzHarness.INPUTS * 3; i++) {
            ByteBuf b = Unpooled.wrappedBuffer(m.next());
            try {
                FieldTable.read(b);
                decoded++;
            } catch (MalformedFrameException | IndexOutOfBoundsException e) {
                // refused; the frame parser turns both into 502 SYNTAX_ERROR on the connection
            } catch (RuntimeException e) {
                if (unexpected.size() < 5) {
                    unexpected.add(e.toString());
                }
            } finally {
                b.release();
            }
        }
        System.out.println("AMQP field-table fuzz: " + FuzzHarness.INPUTS * 3 + " inputs tried, " + decoded + " decoded, "
                + unexpected.size() + " unexpected exceptions");
        assertThat(unexpected).isEmpty();
    }
}
