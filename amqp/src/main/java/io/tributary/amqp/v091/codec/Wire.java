package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** AMQP 0-9-1 primitive types on a ByteBuf (big-endian, as the spec and Netty's defaults agree). */
public final class Wire {
    private Wire() {
    }

    public static String readShortStr(ByteBuf b) {
        int len = b.readUnsignedByte();
        String s = b.toString(b.readerIndex(), len, StandardCharsets.UTF_8);
        b.skipBytes(len);
        return s;
    }

    public static byte[] readLongStrBytes(ByteBuf b) {
        long len = b.readUnsignedInt();
        if (len > b.readableBytes()) {
            throw new MalformedFrameException("long string of " + len + " bytes runs past the frame");
        }
        byte[] out = new byte[(int) len];
        b.readBytes(out);
        return out;
    }

    public static String readLongStr(ByteBuf b) {
        return new String(readLongStrBytes(b), StandardCharsets.UTF_8);
    }

    public static void writeShortStr(ByteBuf b, String s) {
        if (s == null || s.isEmpty()) {
            b.writeByte(0);
            return;
        }
        int lenIndex = b.writerIndex();
        b.writeByte(0);
        int n = b.writeCharSequence(s, StandardCharsets.UTF_8);
        if (n > 255) {
            throw new IllegalArgumentException("short string longer than 255 bytes");
        }
        b.setByte(lenIndex, n);
    }

    public static void writeLongStr(ByteBuf b, String s) {
        int lenIndex = b.writerIndex();
        b.writeInt(0);
        int n = s == null ? 0 : b.writeCharSequence(s, StandardCharsets.UTF_8);
        b.setInt(lenIndex, n);
    }

    public static void writeLongStr(ByteBuf b, byte[] bytes) {
        b.writeInt(bytes.length);
        b.writeBytes(bytes);
    }

    /** The arguments of {@code connection.close} and {@code channel.close}; the text is cut to 255 bytes. */
    public static void writeClose(ByteBuf b, int replyCode, String replyText, int classId, int methodId) {
        b.writeShort(replyCode);
        String text = replyText;
        while (text.getBytes(StandardCharsets.UTF_8).length > 255) {
            text = text.substring(0, text.length() - 1);
        }
        writeShortStr(b, text);
        b.writeShort(classId).writeShort(methodId);
    }

    /** Reads {@code count} bits packed low-to-high into octets, as the spec packs consecutive bit fields. */
    public static boolean[] readBits(ByteBuf b, int count) {
        boolean[] out = new boolean[count];
        int octet = 0;
        for (int i = 0; i < count; i++) {
            if (i % 8 == 0) {
                octet = b.readUnsignedByte();
            }
            out[i] = (octet & (1 << (i % 8))) != 0;
        }
        return out;
    }

    public static void writeBits(ByteBuf b, boolean... bits) {
        int octet = 0;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                octet |= 1 << (i % 8);
            }
            if (i % 8 == 7 || i == bits.length - 1) {
                b.writeByte(octet);
                octet = 0;
            }
        }
    }
}
