package io.tributary.server.quorum;

import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageFormats;
import io.tributary.queues.store.QueueStoreFormat;
import java.nio.ByteBuffer;

/**
 * A message as a quorum queue's log holds it: the queue journal's record format
 * ({@link QueueStoreFormat}: protocol format name, exchange, routing key, encoded properties, body,
 * CRC-32C), so the same bytes describe a message in either kind of queue.
 */
public final class QuorumMessageCodec {
    private final MessageFormats formats;

    public QuorumMessageCodec(MessageFormats formats) {
        this.formats = formats;
    }

    public byte[] encode(Message m) {
        QueueStoreFormat.Meta meta = new QueueStoreFormat.Meta(true, 0, m.receivedAtMillis(), Long.MAX_VALUE, 0);
        return new QueueStoreFormat.Encoded(m.format().name(), m.exchange(), m.routingKey(), m.encodedProperties(), m.bodyArray(), meta)
                .toBuffer().array();
    }

    /** @throws IllegalArgumentException when the bytes are not a record this codec wrote */
    public Message decode(byte[] record) {
        ByteBuffer b = ByteBuffer.wrap(record);
        if (!QueueStoreFormat.crcMatches(b, 0, record.length)) {
            throw new IllegalArgumentException("quorum queue message record fails its CRC");
        }
        QueueStoreFormat.Decoded d = QueueStoreFormat.decode(b, 0, record.length);
        return new Message(formats.byName(d.format()), d.properties(), d.body(), d.exchange(), d.routingKey(), d.meta().receivedAt());
    }

    /** The body size of an encoded message, without decoding it. */
    public static int bodySize(byte[] record) {
        return QueueStoreFormat.bodySizeOf(ByteBuffer.wrap(record), 0, record.length);
    }
}
