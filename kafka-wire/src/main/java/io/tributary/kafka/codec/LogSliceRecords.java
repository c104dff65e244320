package io.tributary.kafka.codec;

import io.tributary.logstore.record.LogSlice;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.DefaultRecordsSend;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.record.internal.RecordsSend;

/**
 * The records of a Fetch response partition as a slice of a segment file. The generated
 * FetchResponse only asks for their size; {@link ByteBufWritable} sends them as a file region
 * (sendfile), so batch bytes never pass through the heap.
 */
public final class LogSliceRecords implements BaseRecords {
    private final LogSlice slice;

    public LogSliceRecords(LogSlice slice) {
        this.slice = slice;
    }

    public LogSlice slice() {
        return slice;
    }

    @Override
    public int sizeInBytes() {
        return slice.sizeInBytes();
    }

    /** kafka-clients' own send path (tools and tests); the broker sends file regions instead. */
    @Override
    public RecordsSend<Records> toSend() {
        return new DefaultRecordsSend<>(slice.records());
    }

    @Override
    public String toString() {
        return "LogSliceRecords(" + slice + ")";
    }
}
