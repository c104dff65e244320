import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Attaches one consumer to a queue with a backlog and prints how long the first delivery took
 * (from basic.consume) and the rate over the next N messages. Run as a single-file program with
 * PerfTest's jars on the class path (bench/backlog-heap.sh does).
 *
 *   java -cp 'perf-test/lib/*' FirstDelivery.java amqp://guest:guest@127.0.0.1:25672 backlog 200000
 */
public class FirstDelivery {
    public static void main(String[] args) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(args[0]);
        int n = Integer.parseInt(args[2]);
        Connection conn = null;
        for (int attempt = 0; conn == null; attempt++) {
            try {
                conn = f.newConnection();
            } catch (java.io.IOException e) {
                if (attempt > 600) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        try (Connection c = conn; Channel ch = c.createChannel()) {
            long count = ch.queueDeclarePassive(args[1]).getMessageCount();
            System.out.printf("declare-ok at %d: %d messages ready%n", System.currentTimeMillis(), count);
            ch.basicQos(1000);
            CountDownLatch first = new CountDownLatch(1);
            CountDownLatch all = new CountDownLatch(n);
            long[] firstAt = new long[1];
            DeliverCallback cb = (tag, d) -> {
                if (first.getCount() == 1) {
                    firstAt[0] = System.nanoTime();
                    first.countDown();
                }
                ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                all.countDown();
            };
            long start = System.nanoTime();
            ch.basicConsume(args[1], false, cb, tag -> { });
            if (!first.await(60, TimeUnit.SECONDS)) {
                System.out.println("no delivery within 60 s");
                System.exit(1);
            }
            System.out.printf("first delivery after %.1f ms%n", (firstAt[0] - start) / 1e6);
            all.await(300, TimeUnit.SECONDS);
            long done = System.nanoTime();
            long got = n - all.getCount();
            System.out.printf("then %d messages consumed and acked at %.0f msg/s%n", got, got / ((done - firstAt[0]) / 1e9));
        }
    }
}
