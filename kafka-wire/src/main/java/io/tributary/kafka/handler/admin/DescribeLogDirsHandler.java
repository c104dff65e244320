package io.tributary.kafka.handler.admin;

import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;

/**
 * DescribeLogDirs (v1–5): the one logs directory with the size of each requested partition (all of
 * them for a null topic list; unknown ones are left out, as in Kafka), offset lag 0 (this node is
 * every partition's leader), and from v4 the file store's total and usable bytes.
 */
public final class DescribeLogDirsHandler implements RequestHandler<DescribeLogDirsRequest> {
    private final LogManager logs;

    public DescribeLogDirsHandler(LogManager logs) {
        this.logs = logs;
    }

    @Override
    public CompletableFuture<DescribeLogDirsResponseData> handle(RequestContext context, DescribeLogDirsRequest request) {
        Predicate<TopicPartition> wanted = wanted(request.data().topics());
        return context.onStorage(() -> {
            Path dir = logs.logsDir().toAbsolutePath();
            DescribeLogDirsResult result = new DescribeLogDirsResult().setLogDir(dir.toString()).setErrorCode(Errors.NONE.code());
            Map<String, DescribeLogDirsTopic> topics = new TreeMap<>();
            logs.logs().stream()
                    .filter(log -> wanted.test(log.topicPartition()))
                    .sorted(Comparator.comparing((PartitionLog log) -> log.topicPartition().topic())
                            .thenComparingInt(log -> log.topicPartition().partition()))
                    .forEach(log -> topics.computeIfAbsent(log.topicPartition().topic(), t -> new DescribeLogDirsTopic().setName(t))
                            .partitions().add(new DescribeLogDirsPartition()
                                    .setPartitionIndex(log.topicPartition().partition())
                                    .setPartitionSize(log.sizeInBytes())
                                    .setOffsetLag(0)
                                    .setIsFutureKey(false)));
            result.setTopics(List.copyOf(topics.values()));
            try {
                FileStore store = Files.getFileStore(dir);
                result.setTotalBytes(store.getTotalSpace()).setUsableBytes(store.getUsableSpace());
            } catch (IOException e) {
                result.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
            }
            return new DescribeLogDirsResponseData().setResults(List.of(result));
        });
    }

    private static Predicate<TopicPartition> wanted(Collection<DescribableLogDirTopic> topics) {
        if (topics == null) {
            return tp -> true;
        }
        Map<String, Set<Integer>> partitions = new HashMap<>();
        for (DescribableLogDirTopic t : topics) {
            partitions.computeIfAbsent(t.topic(), k -> new HashSet<>()).addAll(t.partitions());
        }
        return tp -> partitions.getOrDefault(tp.topic(), Set.of()).contains(tp.partition());
    }
}
