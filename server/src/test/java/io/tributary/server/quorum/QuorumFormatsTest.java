package io.tributary.server.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageFormats;
import io.tributary.queues.quorum.QuorumCommand;
import io.tributary.queues.quorum.QuorumEffect;
import io.tributary.queues.quorum.QuorumLimits;
import io.tributary.queues.quorum.QuorumQueueMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A quorum queue's log entries, replies and snapshots read back as they were written, length limits included. */
class QuorumFormatsTest {
    private final QuorumMessageCodec codec = new QuorumMessageCodec(new MessageFormats().register(BasicProperties.FORMAT));

    @Test
    void aConfigureWithLimitsAndAnEnqueueReadBackWithTheBodySize() {
        QuorumCommandFormat.Configure c = new QuorumCommandFormat.Configure(5, true, new QuorumLimits(10, 2048, true));
        assertThat(QuorumCommandFormat.decode(ByteBuffer.wrap(QuorumCommandFormat.encode(c)))).isEqualTo(c);
        QuorumCommandFormat.Configure plain = new QuorumCommandFormat.Configure(20, false);
        assertThat(QuorumCommandFormat.decode(ByteBuffer.wrap(QuorumCommandFormat.encode(plain)))).isEqualTo(plain);

        byte[] record = codec.encode(message("hello"));
        Object e = QuorumCommandFormat.decode(ByteBuffer.wrap(QuorumCommandFormat.encode(new QuorumCommand.Enqueue(record))));
        assertThat(e).isInstanceOfSatisfying(QuorumCommand.Enqueue.class, en -> assertThat(en.size()).isEqualTo(5));
    }

    @Test
    void everyKindOfCommandTheMachineAppliesCanBeWrittenToTheLogAndReadBack() {
        List<QuorumCommand> all = List.of(new QuorumCommand.Expire(7), new QuorumCommand.Checkout("1/b/2", 1, 10),
                new QuorumCommand.Cancel("1/b/2"), new QuorumCommand.Stop("1/b/3"), new QuorumCommand.Settle("1/b/2", List.of(1L, 2L)),
                new QuorumCommand.Return("1/b/2", List.of(3L)), new QuorumCommand.Discard("1/b/2", List.of(4L)),
                new QuorumCommand.NodeDown(2), new QuorumCommand.Dequeue("1/b/get", 1, true),
                new QuorumCommand.DeadLettered(List.of(5L)), new QuorumCommand.Touch(), new QuorumCommand.Purge());
        for (QuorumCommand c : all) {
            assertThat(QuorumCommandFormat.decode(ByteBuffer.wrap(QuorumCommandFormat.encode(c)))).isEqualTo(c);
        }
        // a kind added to the machine without a log format fails here, not on a live queue's actor (basic.cancel once did)
        List<Class<?>> covered = new java.util.ArrayList<>(all.stream().map(Object::getClass).toList());
        covered.add(QuorumCommand.Enqueue.class); // above, with a real message
        assertThat(covered).containsExactlyInAnyOrder(QuorumCommand.class.getPermittedSubclasses());
    }

    @Test
    void aRefusedPublishIsSaidInItsReply() {
        byte[] reply = QuorumCommandFormat.encodeReply(List.of(new QuorumEffect.Refused()));
        assertThat(QuorumCommandFormat.decodeReply(ByteBuffer.wrap(reply)).refused()).isTrue();
        assertThat(QuorumCommandFormat.decodeReply(ByteBuffer.wrap(QuorumCommandFormat.encodeReply(List.of()))).refused()).isFalse();
    }

    @Test
    void aSnapshotKeepsTheLimitsAndTheSizesOfWhatWaits() throws Exception {
        QuorumQueueMachine m = new QuorumQueueMachine(3, false, new QuorumLimits(2, 100, false));
        for (String body : List.of("a", "bb", "ccc")) {
            byte[] record = codec.encode(message(body));
            m.apply(new QuorumCommand.Enqueue(record, QuorumMessageCodec.bodySize(record)));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            QuorumSnapshotFormat.write(out, m.snapshot());
        }
        QuorumQueueMachine back = QuorumQueueMachine.restore(QuorumSnapshotFormat.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertThat(back.readyCount()).isEqualTo(2);
        assertThat(back.readyBytes()).isEqualTo(5);
        assertThat(back.snapshot().limits()).isEqualTo(new QuorumLimits(2, 100, false));
    }

    private static Message message(String body) {
        return new Message(BasicProperties.FORMAT, new byte[0], body.getBytes(StandardCharsets.UTF_8), "", "q", 1L);
    }
}
