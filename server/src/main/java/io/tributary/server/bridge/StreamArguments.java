package io.tributary.server.bridge;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.logstore.LogConfigDefs;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of a stream declaration, as RabbitMQ accepts them, turned into the Kafka topic they
 * describe: {@code x-max-age} ({@code 7D}, {@code 12h}, {@code 30m}, {@code 10s}, also Y and M) →
 * {@code retention.ms}, {@code x-max-length-bytes} → {@code retention.bytes},
 * {@code x-stream-max-segment-size-bytes} → {@code segment.bytes}, and {@code x-super-stream}
 * (a partition count) for a super stream; {@code x-initial-cluster-size} is the replication factor of
 * its partitions in a cluster. Streams must be durable, neither exclusive nor auto-delete.
 */
final class StreamArguments {
    public static final String QUEUE_TYPE = "stream";
    static final String SUPER_STREAM = "x-super-stream";
    static final String INITIAL_CLUSTER_SIZE = "x-initial-cluster-size";
    private static final Pattern AGE = Pattern.compile("(\\d+)([YMDhms])");

    private StreamArguments() {
    }

    static boolean isStream(QueueDefinition d) {
        return QUEUE_TYPE.equals(d.queueType());
    }

    static void validate(QueueDefinition d) {
        if (!d.durable() || d.exclusive() || d.autoDelete()) {
            throw new PreconditionFailedException("invalid property 'non-durable', 'exclusive' or 'auto-delete' for stream '" + d.name() + "'");
        }
        partitions(d);
        topicConfigs(d);
        initialClusterSize(d);
    }

    /** The declared {@code x-initial-cluster-size} (replicas per partition), -1 for the broker's default. */
    static int initialClusterSize(QueueDefinition d) {
        Object n = d.arguments().get(INITIAL_CLUSTER_SIZE);
        if (n == null) {
            return -1;
        }
        long size = asLong(n, INITIAL_CLUSTER_SIZE);
        if (size < 1) {
            throw new PreconditionFailedException("invalid arg '" + INITIAL_CLUSTER_SIZE + "' for stream '" + d.name() + "': " + n);
        }
        return (int) Math.min(size, Short.MAX_VALUE);
    }

    /** 1 for a stream, the {@code x-super-stream} count for a super stream. */
    static int partitions(QueueDefinition d) {
        Object n = d.arguments().get(SUPER_STREAM);
        if (n == null) {
            return 1;
        }
        long count = asLong(n, SUPER_STREAM);
        if (count < 1 || count > 10_000) {
            throw new PreconditionFailedException("invalid arg '" + SUPER_STREAM + "' for stream '" + d.name() + "': " + n);
        }
        return (int) count;
    }

    static Map<String, String> topicConfigs(QueueDefinition d) {
        Map<String, String> out = new HashMap<>();
        Object age = d.arguments().get("x-max-age");
        if (age != null) {
            out.put(LogConfigDefs.RETENTION_MS, Long.toString(ageMillis(age.toString(), d.name())));
        }
        Object bytes = d.arguments().get("x-max-length-bytes");
        if (bytes != null) {
            out.put(LogConfigDefs.RETENTION_BYTES, Long.toString(asLong(bytes, "x-max-length-bytes")));
        }
        Object segment = d.arguments().get("x-stream-max-segment-size-bytes");
        if (segment != null) {
            out.put(LogConfigDefs.SEGMENT_BYTES, Long.toString(asLong(segment, "x-stream-max-segment-size-bytes")));
        }
        return out;
    }

    static long ageMillis(String age, String stream) {
        Matcher m = AGE.matcher(age.trim());
        if (!m.matches()) {
            throw new PreconditionFailedException("invalid arg 'x-max-age' for stream '" + stream + "': " + age);
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "Y" -> 365L * 24 * 3600_000;
            case "M" -> 30L * 24 * 3600_000;
            case "D" -> 24L * 3600_000;
            case "h" -> 3600_000L;
            case "m" -> 60_000L;
            default -> 1000L;
        };
        return n * unit;
    }

    private static long asLong(Object v, String name) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("invalid arg '" + name + "': " + v);
        }
    }
}
