package io.tributary.server.e2e.amqp091;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.amqp.v091.codec.FieldTable;
import io.tributary.amqp.v091.codec.Wire;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A deliberately minimal AMQP 0-9-1 peer on a plain socket, for what a well-behaved client library
 * cannot do: wrong headers, broken frames, silence instead of heartbeats, AMQPLAIN.
 */
final class RawAmqpClient implements AutoCloseable {
    static final byte[] HEADER_091 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    record RawFrame(int type, int channel, byte[] payload) {
        int classId() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        int methodId() {
            return ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
        }

        /** The reply code of a connection.close or channel.close. */
        int replyCode() {
            return ((payload[4] & 0xFF) << 8) | (payload[5] & 0xFF);
        }

        String replyText() {
            int len = payload[6] & 0xFF;
            return new String(payload, 7, len, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    RawAmqpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void frame(int type, int channel, byte[] payload, int frameEnd) throws IOException {
        out.writeByte(type);
        out.writeShort(channel);
        out.writeInt(payload.length);
        out.write(payload);
        out.writeByte(frameEnd);
        out.flush();
    }

    void method(int channel, int classId, int methodId, Consumer<ByteBuf> args) throws IOException {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(classId).writeShort(methodId);
        args.accept(b);
        byte[] payload = new byte[b.readableBytes()];
        b.readBytes(payload);
        frame(1, channel, payload, 0xCE);
    }

    /** The next frame, or null at end of stream. */
    RawFrame read() throws IOException {
        try {
            int type = in.readUnsignedByte();
            int channel = in.readUnsignedShort();
            int size = in.readInt();
            byte[] payload = new byte[size];
            in.readFully(payload);
            if (in.readUnsignedByte() != 0xCE) {
                throw new IOException("bad frame end from server");
            }
            return new RawFrame(type, channel, payload);
        } catch (EOFException e) {
            return null;
        }
    }

    /** The next method frame, skipping heartbeats. */
    RawFrame readMethod() throws IOException {
        RawFrame f;
        do {
            f = read();
        } while (f != null && f.type() == 8);
        return f;
    }

    byte[] readBytes(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** True when the server closed the socket (reads end) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Header, start-ok with {@code mechanism}, tune-ok with {@code heartbeat}, open "/". */
    void handshake(String mechanism, byte[] response, int heartbeat) throws IOException {
        send(HEADER_091);
        RawFrame start = readMethod();
        if (start.classId() != 10 || start.methodId() != 10) {
            throw new IOException("expected connection.start");
        }
        method(0, 10, 11, b -> {
            FieldTable.write(b, Map.of("product", "raw"));
            Wire.writeShortStr(b, mechanism);
            Wire.writeLongStr(b, response);
            Wire.writeShortStr(b, "en_US");
        });
        RawFrame tune = readMethod();
        if (tune.classId() != 10 || tune.methodId() != 30) {
            throw new IOException("expected connection.tune, got " + tune.classId() + "/" + tune.methodId());
        }
        method(0, 10, 31, b -> b.writeShort(0).writeInt(131072).writeShort(heartbeat));
        method(0, 10, 40, b -> {
            Wire.writeShortStr(b, "/");
            Wire.writeShortStr(b, "");
            b.writeByte(0);
        });
        RawFrame openOk = readMethod();
        if (openOk.classId() != 10 || openOk.methodId() != 41) {
            throw new IOException("expected connection.open-ok");
        }
    }

    void handshake(int heartbeat) throws IOException {
        handshake("PLAIN", "\0guest\0guest".getBytes(StandardCharsets.UTF_8), heartbeat);
    }

    void openChannel(int channel) throws IOException {
        method(channel, 20, 10, b -> Wire.writeShortStr(b, ""));
        RawFrame ok = readMethod();
        if (ok.classId() != 20 || ok.methodId() != 11) {
            throw new IOException("expected channel.open-ok");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
