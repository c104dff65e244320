package io.tributary.server.kafka;

import io.tributary.amqp.ResourceAlarm;
import io.tributary.kafka.PublishAlarm;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The broker's resource alarm (kept by the AMQP module, which had it first) as the Kafka layer's {@link PublishAlarm}. */
public final class KafkaPublishAlarm implements PublishAlarm {
    private final ResourceAlarm alarm;

    public KafkaPublishAlarm(ResourceAlarm alarm) {
        this.alarm = alarm;
    }

    @Override
    public boolean raised() {
        return alarm.raised();
    }

    @Override
    public void whenCleared(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Consumer<Boolean>> self = new AtomicReference<>();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                alarm.unlisten(self.get());
                action.run();
            }
        };
        self.set(raised -> {
            if (!raised) {
                once.run();
            }
        });
        alarm.listen(self.get());
        if (!alarm.raised()) {
            once.run();
        }
    }
}
