package io.tributary.kafka.handler.fetch;

import io.tributary.kafka.codec.LogSliceRecords;
import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.AbortedTxn;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.OffsetOutOfRangeException;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import java.util.List;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Reads the partitions of a resolved Fetch into a response: slices of segment files, never copied,
 * within the request's and each partition's byte limits. The first partition with data returns at
 * least one whole batch even when it is larger than the limits, as Kafka does, so a consumer always
 * makes progress. Runs on a storage thread.
 */
final class FetchReader {
    private final Leadership leadership;

    FetchReader(Leadership leadership) {
        this.leadership = leadership;
    }

    FetchRead read(ResolvedFetch fetch) {
        FetchResponseData response = new FetchResponseData();
        long bytes = 0;
        boolean errors = false;
        long remaining = fetch.maxBytes();
        List<FetchTarget> targets = fetch.targets();
        long[] bounds = new long[targets.size()];
        FetchableTopicResponse topic = null;
        FetchTopic requestTopic = null;
        for (int i = 0; i < targets.size(); i++) {
            FetchTarget t = targets.get(i);
            if (t.topic() != requestTopic) {
                requestTopic = t.topic();
                topic = new FetchableTopicResponse().setTopic(t.topicName()).setTopicId(requestTopic.topicId());
                response.responses().add(topic);
            }
            PartitionData pd = new PartitionData().setPartitionIndex(t.partition().partition()).setRecords(MemoryRecords.EMPTY);
            if (fetch.isolation() != FetchIsolation.TXN_COMMITTED) {
                pd.setAbortedTransactions(null);
            }
            topic.partitions().add(pd);
            Errors error = t.log() == null ? t.error() : checkLeader(t);
            if (error != Errors.NONE) {
                fail(pd, error, null);
                errors = true;
                continue;
            }
            PartitionLog log = t.log();
            if (fetch.replicaId() >= 0) {
                // before the read, so that the high watermark it answers with counts this follower's progress
                leadership.onFollowerFetch(log.topicPartition(), fetch.replicaId(), t.partition().fetchOffset());
            }
            bounds[i] = bound(log, fetch.isolation());
            try {
                int limit = (int) Math.max(0, Math.min(remaining, t.partition().partitionMaxBytes()));
                ReadResult r = log.read(t.partition().fetchOffset(), limit, fetch.isolation(), bytes == 0);
                pd.setHighWatermark(r.highWatermark()).setLastStableOffset(r.lastStableOffset()).setLogStartOffset(r.logStartOffset());
                if (!r.isEmpty()) {
                    pd.setRecords(new LogSliceRecords(r.slice()));
                    bytes += r.slice().sizeInBytes();
                    remaining -= r.slice().sizeInBytes();
                    if (fetch.isolation() == FetchIsolation.TXN_COMMITTED) {
                        pd.setAbortedTransactions(aborted(log, t.partition().fetchOffset(), r.lastStableOffset()));
                    }
                }
            } catch (OffsetOutOfRangeException e) {
                fail(pd, Errors.OFFSET_OUT_OF_RANGE, log);
                errors = true;
            } catch (RuntimeException e) {
                fail(pd, KafkaErrorMapper.toError(e), null);
                errors = true;
            }
        }
        return new FetchRead(response, bytes, errors, bounds);
    }

    /** The aborted transactions a read_committed consumer must drop records of, in what it may be sent. */
    private static List<AbortedTransaction> aborted(PartitionLog log, long fetchOffset, long lastStableOffset) {
        List<AbortedTxn> found = log.abortedTransactions(fetchOffset, lastStableOffset);
        List<AbortedTransaction> out = new java.util.ArrayList<>(found.size());
        for (AbortedTxn a : found) {
            out.add(new AbortedTransaction().setProducerId(a.producerId()).setFirstOffset(a.firstOffset()));
        }
        return out;
    }

    /** The end of what {@code isolation} lets a consumer see now. */
    static long bound(PartitionLog log, FetchIsolation isolation) {
        return switch (isolation) {
            case TXN_COMMITTED -> log.lastStableOffset();
            case LOG_END -> log.logEndOffset(); // followers copy what the leader has, committed or not
            default -> log.highWatermark();
        };
    }

    /** Consumers and followers fetch from the leader only, in its current epoch when they name one. */
    private Errors checkLeader(FetchTarget t) {
        return leadership.checkLeader(t.log().topicPartition(), t.partition().currentLeaderEpoch());
    }

    private static void fail(PartitionData pd, Errors error, PartitionLog log) {
        pd.setErrorCode(error.code()).setRecords(MemoryRecords.EMPTY);
        if (log == null) {
            pd.setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1);
        } else {
            pd.setHighWatermark(log.highWatermark()).setLastStableOffset(log.lastStableOffset()).setLogStartOffset(log.logStartOffset());
        }
    }
}
