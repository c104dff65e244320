package io.tributary.server.bridge;

import io.tributary.exchanges.Destination;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.RoutedDestinations;
import io.tributary.exchanges.Router;
import io.tributary.exchanges.message.LogEncoding;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.HighWatermarkListener;
import io.tributary.logstore.LogRecord;
import io.tributary.logstore.OffsetOutOfRangeException;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.record.LogRecordBatches;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes what is produced to one partition through an AMQP exchange, in offset order: reads the
 * durable records after its cursor, turns each into a persistent message (routing key = the record
 * key or a chosen header), routes it, waits until every destination has accepted the batch, then
 * moves and stores the cursor. After a crash it starts again from the stored cursor, so records may
 * be routed twice, never skipped. Runs on the bridge's single thread.
 */
final class PartitionBridge implements HighWatermarkListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(PartitionBridge.class);
    private static final int BATCH = 500;
    private static final int READ_BYTES = 1024 * 1024;
    private static final long RETRY_MS = 1000;

    /** Where and how this partition is bridged. */
    record Target(String vhost, String exchange, String routingKeyHeader) {
    }

    private final TopicPartition tp;
    private final PartitionLog log;
    private final Target target;
    private final VirtualHosts vhosts;
    private final LogEncoding encoding;
    private final BridgeCursors cursors;
    private final ScheduledExecutorService thread;
    private final RoutedDestinations routed = new RoutedDestinations();
    private volatile boolean running = true;
    private volatile boolean waiting;
    private long position;

    PartitionBridge(TopicPartition tp, PartitionLog log, Target target, VirtualHosts vhosts, LogEncoding encoding, BridgeCursors cursors,
            ScheduledExecutorService thread) {
        this.tp = tp;
        this.log = log;
        this.target = target;
        this.vhosts = vhosts;
        this.encoding = encoding;
        this.cursors = cursors;
        this.thread = thread;
    }

    Target target() {
        return target;
    }

    /** Starts at the stored cursor, or (a new bridge) at the end of what is there now. */
    void start() {
        thread.execute(() -> {
            position = cursors.get(tp).orElseGet(() -> {
                long end = log.highWatermark();
                cursors.put(tp, end);
                return end;
            });
            log.addHighWatermarkListener(this);
            step();
        });
    }

    void stop() {
        running = false;
        log.removeHighWatermarkListener(this);
    }

    @Override
    public void onHighWatermarkAdvanced(TopicPartition partition, long newHighWatermark) {
        if (waiting) {
            waiting = false;
            thread.execute(this::step);
        }
    }

    private void step() {
        if (!running) {
            return;
        }
        position = Math.max(position, log.logStartOffset());
        if (position >= log.highWatermark()) {
            waiting = true;
            if (position < log.highWatermark()) {
                waiting = false;
                thread.execute(this::step);
            }
            return;
        }
        VirtualHost vh = vhosts.get(target.vhost());
        Exchange ex = vh == null ? null : vh.exchange(target.exchange());
        if (ex == null) {
            retryLater("exchange '" + target.exchange() + "' in vhost '" + target.vhost() + "' does not exist", null);
            return;
        }
        List<LogRecord> records;
        long next;
        try {
            ReadResult r = log.read(position, READ_BYTES, FetchIsolation.TXN_COMMITTED, true);
            records = r.isEmpty() ? List.of()
                    : LogRecordBatches.read(r.slice(), position, BATCH, log.abortedTransactions(position, r.lastStableOffset()));
            next = records.isEmpty() ? (r.isEmpty() ? position : LogRecordBatches.nextOffset(r.slice(), position))
                    : records.get(records.size() - 1).offset() + 1;
        } catch (OffsetOutOfRangeException e) {
            position = log.logStartOffset();
            thread.execute(this::step);
            return;
        } catch (RuntimeException e) {
            retryLater("reading failed", e);
            return;
        }
        if (next <= position) {
            // Nothing readable below the last stable offset yet (an open transaction): wait for more.
            waiting = true;
            return;
        }
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (LogRecord rec : records) {
            Message m = toMessage(rec);
            Router.route(vh, ex, m, routed);
            for (int i = 0; i < routed.size(); i++) {
                Destination d = routed.get(i);
                accepted.add(d.accept(m));
            }
        }
        long end = next;
        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).whenCompleteAsync((v, e) -> {
            if (e != null) {
                retryLater("a destination refused a record", e);
                return;
            }
            position = end;
            cursors.put(tp, end);
            step();
        }, thread);
    }

    private Message toMessage(LogRecord rec) {
        List<LogEncoding.Header> headers = new ArrayList<>(rec.headers().size());
        String key = rec.key() == null ? "" : new String(rec.key(), StandardCharsets.UTF_8);
        for (LogRecord.Header h : rec.headers()) {
            headers.add(new LogEncoding.Header(h.key(), h.value()));
            if (h.key().equals(target.routingKeyHeader()) && h.value() != null) {
                key = new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        Message m = encoding.decode(new LogEncoding.Record(rec.key(), rec.value(), headers, rec.timestamp()));
        MessageProperties p = m.properties();
        Message routedAs = new Message(m.format(), m.encodedProperties(), m.bodyArray(), target.exchange(), key, m.receivedAtMillis());
        if (p.deliveryMode() == null) {
            // The record is durable in its topic; in a durable queue it stays so.
            routedAs = routedAs.withProperties(new MessageProperties(p.contentType(), p.contentEncoding(), p.headers(), 2, p.priority(),
                    p.correlationId(), p.replyTo(), p.expiration(), p.messageId(), p.timestamp(), p.type(), p.userId(), p.appId(),
                    p.clusterId()));
        }
        return routedAs;
    }

    private void retryLater(String why, Throwable e) {
        LOGGER.debug("Bridge of {} to exchange {} waits: {}", tp, target.exchange(), why, e);
        thread.schedule(this::step, RETRY_MS, TimeUnit.MILLISECONDS);
    }
}
