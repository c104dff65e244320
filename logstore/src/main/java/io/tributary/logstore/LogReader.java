package io.tributary.logstore;

import io.tributary.logstore.record.LogSlice;
import io.tributary.logstore.segment.LogFile;
import io.tributary.logstore.segment.SegmentRead;
import java.io.UncheckedIOException;

/**
 * Reads of one {@link PartitionLog} for consumers and replicas: file slices from an offset, never
 * past the bound of the isolation level. Takes no lock: it reads the log's offsets once (each is
 * volatile) and then only bytes below them, which no append changes. Kept apart from
 * {@link PartitionLog} so that class stays about appends and the offsets that bound reads.
 */
final class LogReader {
    private final PartitionLog log;
    private final LocalLog local;

    LogReader(PartitionLog log, LocalLog local) {
        this.log = log;
        this.local = local;
    }

    /** See {@link PartitionLog#read}. */
    ReadResult read(long fetchOffset, int maxBytes, FetchIsolation isolation, boolean minOneBatch) {
        log.checkUsable();
        LogOffsetMetadata end = local.logEndOffsetMetadata();
        long start = log.logStartOffset();
        LogOffsetMetadata hw = log.highWatermarkMetadata();
        long lso = log.lastStableOffset();
        if (fetchOffset < start || fetchOffset > end.offset()) {
            throw new OffsetOutOfRangeException("fetch", fetchOffset, start, end.offset());
        }
        LogOffsetMetadata bound = boundFor(isolation, end, hw, lso);
        SegmentRead read = null;
        if (fetchOffset < bound.offset() && maxBytes >= 0) {
            try {
                read = local.read(fetchOffset, maxBytes, bound, minOneBatch);
            } catch (UncheckedIOException | LogFile.SegmentReadException e) {
                throw new LogStorageException("cannot read " + log.topicPartition() + " at offset " + fetchOffset, e);
            }
        }
        LogSlice slice = read == null ? LogSlice.empty() : read.slice();
        boolean incomplete = read != null && read.firstBatchIncomplete();
        return new ReadResult(fetchOffset, slice, incomplete, start, hw.offset(), lso, end.offset());
    }

    private LogOffsetMetadata boundFor(FetchIsolation isolation, LogOffsetMetadata end, LogOffsetMetadata hw, long lso) {
        if (isolation == FetchIsolation.LOG_END) {
            return end;
        }
        if (isolation == FetchIsolation.TXN_COMMITTED && lso < hw.offset()) {
            return local.offsetMetadata(lso);
        }
        return hw;
    }
}
