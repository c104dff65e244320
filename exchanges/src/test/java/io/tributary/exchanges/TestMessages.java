package io.tributary.exchanges;

import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageFormat;
import io.tributary.exchanges.message.MessageProperties;
import java.util.Map;

/** Messages for routing tests: the "encoding" is ignored and the headers are given directly. */
final class TestMessages {
    private TestMessages() {
    }

    static Message message(String exchange, String key) {
        return message(exchange, key, null);
    }

    static Message message(String exchange, String key, Map<String, Object> headers) {
        MessageFormat format = new MessageFormat() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public MessageProperties decode(byte[] encoded) {
                return new MessageProperties(null, null, headers, null, null, null, null, null, null, null, null, null, null, null);
            }

            @Override
            public byte[] encode(MessageProperties properties) {
                return new byte[] {1};
            }
        };
        return new Message(format, new byte[] {1}, new byte[0], exchange, key, 0);
    }
}
