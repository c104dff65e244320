package io.tributary.amqp.v10.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.amqp.v10.error.AmqpErrorException;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.DeliveryAnnotations;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.junit.jupiter.api.Test;

class MessageMappingTest {
    private static byte[] encode(org.apache.qpid.proton.message.Message m) {
        byte[] buf = new byte[64 * 1024];
        int n = m.encode(buf, 0, buf.length);
        return java.util.Arrays.copyOf(buf, n);
    }

    private static org.apache.qpid.proton.message.Message decode(byte[] b) {
        org.apache.qpid.proton.message.Message m = org.apache.qpid.proton.message.Message.Factory.create();
        m.decode(b, 0, b.length);
        return m;
    }

    private static org.apache.qpid.proton.message.Message full() {
        org.apache.qpid.proton.message.Message m = org.apache.qpid.proton.message.Message.Factory.create();
        Header h = new Header();
        h.setDurable(true);
        h.setPriority(UnsignedByte.valueOf((byte) 7));
        h.setTtl(UnsignedInteger.valueOf(5000));
        m.setHeader(h);
        m.setDeliveryAnnotations(new DeliveryAnnotations(Map.of(Symbol.valueOf("x-hop"), "dropped")));
        m.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-a"), "keep")));
        Properties p = new Properties();
        p.setMessageId("m-1");
        p.setCorrelationId(UnsignedInteger.valueOf(99));
        p.setReplyTo("/queues/replies");
        p.setContentType(Symbol.valueOf("application/json"));
        p.setCreationTime(new Date(1_700_000_000_123L));
        p.setSubject("the.key");
        p.setGroupId("g");
        m.setProperties(p);
        Map<String, Object> ap = new LinkedHashMap<>();
        ap.put("s", "v");
        ap.put("l", 5L);
        ap.put("u", UnsignedInteger.valueOf(3));
        ap.put("b", new Binary(new byte[] {1, 2}));
        m.setApplicationProperties(new ApplicationProperties(ap));
        m.setBody(new AmqpValue("text body"));
        return m;
    }

    @Test
    void aOneDotZeroMessageRoundTripsToAOneDotZeroReceiver() {
        IncomingMessage in = IncomingMessage.decode(encode(full()));
        assertThat(in.subject()).isEqualTo("the.key");
        assertThat(new String(in.body(), StandardCharsets.UTF_8)).isEqualTo("text body");
        Message routed = new Message(Amqp10Format.FORMAT, in.encodedProperties(), in.body(), "ex", "the.key", 0);
        org.apache.qpid.proton.message.Message out = decode(OutgoingMessages.encode(routed, true, 2));
        assertThat(out.getBody()).isInstanceOf(AmqpValue.class);
        assertThat(((AmqpValue) out.getBody()).getValue()).isEqualTo("text body");
        assertThat(out.getHeader().getDurable()).isTrue();
        assertThat(out.getHeader().getPriority().intValue()).isEqualTo(7);
        assertThat(out.getHeader().getTtl().longValue()).isEqualTo(5000);
        assertThat(out.getHeader().getDeliveryCount().intValue()).isEqualTo(2);
        assertThat(out.getHeader().getFirstAcquirer()).isFalse();
        assertThat(out.getDeliveryAnnotations()).isNull();
        assertThat(out.getMessageAnnotations().getValue()).containsEntry(Symbol.valueOf("x-opt-a"), "keep")
                .containsEntry(Symbol.valueOf("x-exchange"), "ex").containsEntry(Symbol.valueOf("x-routing-key"), "the.key");
        assertThat(out.getProperties().getGroupId()).isEqualTo("g");
        assertThat(out.getProperties().getCorrelationId()).isEqualTo(UnsignedInteger.valueOf(99));
        assertThat(out.getApplicationProperties().getValue()).containsEntry("u", UnsignedInteger.valueOf(3));
    }

    @Test
    void neutralPropertiesFollowTheReadmeTable() {
        IncomingMessage in = IncomingMessage.decode(encode(full()));
        MessageProperties p = Amqp10Format.FORMAT.decode(in.encodedProperties());
        assertThat(p.contentType()).isEqualTo("application/json");
        assertThat(p.messageId()).isEqualTo("m-1");
        assertThat(p.correlationId()).isEqualTo("99");
        assertThat(p.replyTo()).isEqualTo("replies");
        assertThat(p.deliveryMode()).isEqualTo(2);
        assertThat(p.priority()).isEqualTo(7);
        assertThat(p.expiration()).isEqualTo("5000");
        assertThat(p.timestamp()).isEqualTo(1_700_000_000L);
        assertThat(p.headers()).containsEntry("s", "v").containsEntry("l", 5L).containsEntry("u", 3L)
                .containsEntry("x-opt-a", "keep");
        assertThat((byte[]) p.headers().get("b")).containsExactly(1, 2);
        // and 0-9-1 can encode what came out
        assertThat(BasicProperties.FORMAT.decode(BasicProperties.FORMAT.encode(p)).messageId()).isEqualTo("m-1");
    }

    @Test
    void changedPropertiesKeepTheBodyKindAndOneDotZeroOnlyFields() {
        IncomingMessage in = IncomingMessage.decode(encode(full()));
        Message m = new Message(Amqp10Format.FORMAT, in.encodedProperties(), in.body(), "ex", "k", 0);
        Message changed = m.withProperties(m.properties().withReplyTo("other"));
        org.apache.qpid.proton.message.Message out = decode(OutgoingMessages.encode(changed, false, 0));
        assertThat(((AmqpValue) out.getBody()).getValue()).isEqualTo("text body");
        assertThat(out.getProperties().getReplyTo()).isEqualTo("/queues/other");
        assertThat(out.getProperties().getSubject()).isEqualTo("the.key");
        assertThat(out.getProperties().getGroupId()).isEqualTo("g");
        assertThat(out.getApplicationProperties().getValue()).containsEntry("s", "v");
    }

    @Test
    void a091MessageBecomesDataWithSectionsFromItsProperties() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("h", "v");
        headers.put("x-death-count", 1);
        MessageProperties p = new MessageProperties("text/plain", null, headers, 1, 2, "c", "q", "100", "id", 10L, "t",
                "guest", "app", null);
        Message m = new Message(BasicProperties.FORMAT, BasicProperties.FORMAT.encode(p), "raw".getBytes(StandardCharsets.UTF_8),
                "", "q", 0);
        org.apache.qpid.proton.message.Message out = decode(OutgoingMessages.encode(m, false, 0));
        assertThat(((Data) out.getBody()).getValue().getArray()).startsWith("raw".getBytes(StandardCharsets.UTF_8));
        assertThat(out.getHeader().getDurable()).isFalse();
        assertThat(out.getHeader().getTtl().longValue()).isEqualTo(100);
        assertThat(out.getProperties().getReplyTo()).isEqualTo("/queues/q");
        assertThat(out.getProperties().getCreationTime().getTime()).isEqualTo(10_000L);
        assertThat(out.getApplicationProperties().getValue()).containsOnlyKeys("h");
        assertThat(out.getMessageAnnotations().getValue()).containsEntry(Symbol.valueOf("x-death-count"), 1)
                .containsEntry(Symbol.valueOf("x-basic-type"), "t").containsEntry(Symbol.valueOf("x-basic-app-id"), "app");
    }

    @Test
    void otherBodiesTravelEncodedAndGarbageIsADecodeError() {
        org.apache.qpid.proton.message.Message m = org.apache.qpid.proton.message.Message.Factory.create();
        m.setBody(new AmqpSequence(List.of(1, "two")));
        IncomingMessage in = IncomingMessage.decode(encode(m));
        Message routed = new Message(Amqp10Format.FORMAT, in.encodedProperties(), in.body(), "", "q", 0);
        assertThat(((AmqpSequence) decode(OutgoingMessages.encode(routed, false, 0)).getBody()).getValue()).containsExactly(1, "two");
        assertThatThrownBy(() -> IncomingMessage.decode(new byte[] {0x00, 0x53, 0x77, (byte) 0xa1, 0x7f}))
                .isInstanceOf(AmqpErrorException.class).hasMessageContaining("decode");
    }
}
