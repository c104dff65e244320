package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field tables and arrays with every field type RabbitMQ speaks (its errata of the 0-9-1 spec):
 *
 * <pre>
 * t bool        b int8   B uint8   s int16   u uint16   I int32   i uint32   l int64
 * f float       d double D decimal(scale u8, value i32)  S long string   x byte array
 * A array       T timestamp (u64 seconds)   F table   V void
 * </pre>
 *
 * Java mapping: Boolean, Byte, Short (B), Short, Integer (u), Integer, Long (i), Long, Float,
 * Double, BigDecimal, String (S, UTF-8), byte[] (x), List, Date (T), Map, null (V). Writing picks
 * the type from the Java class (Integer → I, Long → l, ...), as the RabbitMQ Java client does.
 */
public final class FieldTable {
    private FieldTable() {
    }

    public static Map<String, Object> read(ByteBuf b) {
        long len = b.readUnsignedInt();
        if (len > b.readableBytes()) {
            throw new MalformedFrameException("field table of " + len + " bytes runs past the frame");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int end = b.readerIndex() + (int) len;
        while (b.readerIndex() < end) {
            String key = Wire.readShortStr(b);
            out.put(key, readValue(b));
        }
        if (b.readerIndex() != end) {
            throw new MalformedFrameException("field table overruns its declared size");
        }
        return out;
    }

    /** Reads a table's entries when the caller knows its size (AMQPLAIN responses carry no size prefix). */
    public static Map<String, Object> readEntries(ByteBuf b) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (b.isReadable()) {
            out.put(Wire.readShortStr(b), readValue(b));
        }
        return out;
    }

    static Object readValue(ByteBuf b) {
        char type = (char) b.readUnsignedByte();
        switch (type) {
            case 't': return b.readUnsignedByte() != 0;
            case 'b': return b.readByte();
            case 'B': return b.readUnsignedByte();
            case 's': return b.readShort();
            case 'u': return b.readUnsignedShort();
            case 'I': return b.readInt();
            case 'i': return b.readUnsignedInt();
            case 'l': return b.readLong();
            case 'f': return b.readFloat();
            case 'd': return b.readDouble();
            case 'D': {
                int scale = b.readUnsignedByte();
                return new BigDecimal(BigInteger.valueOf(b.readInt()), scale);
            }
            case 'S': return Wire.readLongStr(b);
            case 'x': return Wire.readLongStrBytes(b);
            case 'A': return readArray(b);
            case 'T': return new Date(b.readLong() * 1000);
            case 'F': return read(b);
            case 'V': return null;
            default:
                throw new MalformedFrameException("unknown field type '" + type + "'");
        }
    }

    private static List<Object> readArray(ByteBuf b) {
        long len = b.readUnsignedInt();
        if (len > b.readableBytes()) {
            throw new MalformedFrameException("field array runs past the frame");
        }
        int end = b.readerIndex() + (int) len;
        List<Object> out = new ArrayList<>();
        while (b.readerIndex() < end) {
            out.add(readValue(b));
        }
        return out;
    }

    public static void write(ByteBuf b, Map<String, Object> table) {
        int lenIndex = b.writerIndex();
        b.writeInt(0);
        if (table != null) {
            for (Map.Entry<String, Object> e : table.entrySet()) {
                Wire.writeShortStr(b, e.getKey());
                writeValue(b, e.getValue());
            }
        }
        b.setInt(lenIndex, b.writerIndex() - lenIndex - 4);
    }

    static void writeValue(ByteBuf b, Object v) {
        if (v == null) {
            b.writeByte('V');
        } else if (v instanceof String s) {
            b.writeByte('S');
            Wire.writeLongStr(b, s);
        } else if (v instanceof Boolean x) {
            b.writeByte('t').writeByte(x ? 1 : 0);
        } else if (v instanceof Integer x) {
            b.writeByte('I').writeInt(x);
        } else if (v instanceof Long x) {
            b.writeByte('l').writeLong(x);
        } else if (v instanceof Short x) {
            b.writeByte('s').writeShort(x);
        } else if (v instanceof Byte x) {
            b.writeByte('b').writeByte(x);
        } else if (v instanceof Float x) {
            b.writeByte('f').writeFloat(x);
        } else if (v instanceof Double x) {
            b.writeByte('d').writeDouble(x);
        } else if (v instanceof BigDecimal x) {
            b.writeByte('D').writeByte(x.scale()).writeInt(x.unscaledValue().intValueExact());
        } else if (v instanceof byte[] x) {
            b.writeByte('x');
            Wire.writeLongStr(b, x);
        } else if (v instanceof Date x) {
            b.writeByte('T').writeLong(x.getTime() / 1000);
        } else if (v instanceof Map<?, ?> m) {
            b.writeByte('F');
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) m;
            write(b, t);
        } else if (v instanceof List<?> list) {
            b.writeByte('A');
            int lenIndex = b.writerIndex();
            b.writeInt(0);
            for (Object o : list) {
                writeValue(b, o);
            }
            b.setInt(lenIndex, b.writerIndex() - lenIndex - 4);
        } else {
            b.writeByte('S');
            Wire.writeLongStr(b, v.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
