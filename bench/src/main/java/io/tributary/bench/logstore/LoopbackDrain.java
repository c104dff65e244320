package io.tributary.bench.logstore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A loopback TCP connection whose far end a daemon thread reads and discards: a consumer that keeps up. */
final class LoopbackDrain implements AutoCloseable {
    private final ServerSocketChannel server;
    private final SocketChannel sender;
    private final SocketChannel receiver;
    private final Thread reader;

    LoopbackDrain() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sender = SocketChannel.open(server.getLocalAddress());
        receiver = server.accept();
        reader = new Thread(this::drain, "loopback-drain");
        reader.setDaemon(true);
        reader.start();
    }

    SocketChannel sender() {
        return sender;
    }

    private void drain() {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try {
            while (receiver.read(buf.clear()) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // closed at tear-down
        }
    }

    @Override
    public void close() throws IOException {
        sender.close();
        receiver.close();
        server.close();
    }
}
