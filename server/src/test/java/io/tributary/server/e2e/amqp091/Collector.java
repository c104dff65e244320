package io.tributary.server.e2e.amqp091;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A consumer that records what it receives, for Awaitility to watch. */
class Collector extends DefaultConsumer {
    record Delivery(String body, long tag, boolean redelivered, AMQP.BasicProperties properties) {
    }

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    volatile boolean cancelledByBroker;

    Collector(Channel channel) {
        super(channel);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        deliveries.add(new Delivery(Amqp.text(body), envelope.getDeliveryTag(), envelope.isRedeliver(), properties));
    }

    @Override
    public void handleCancel(String consumerTag) {
        cancelledByBroker = true;
    }

    List<String> bodies() {
        return deliveries.stream().map(Delivery::body).toList();
    }
}
