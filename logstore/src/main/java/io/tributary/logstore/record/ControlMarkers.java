package io.tributary.logstore.record;

import java.nio.ByteBuffer;
import java.util.Iterator;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/** What a control batch says: transaction markers are ABORT or COMMIT (the type in the first record's key). */
public final class ControlMarkers {
    private ControlMarkers() {
    }

    /**
     * True when {@code batch} (one whole control batch, between position and limit) is an abort
     * marker. Control batches are never compressed, so this reads only the first record's key.
     */
    public static boolean isAbort(ByteBuffer batch) {
        Iterator<? extends RecordBatch> batches = MemoryRecords.readableRecords(batch.duplicate()).batches().iterator();
        if (!batches.hasNext()) {
            return false;
        }
        RecordBatch b = batches.next();
        if (!b.isControlBatch()) {
            return false;
        }
        Iterator<Record> records = b.iterator();
        return records.hasNext() && ControlRecordType.parse(records.next().key()) == ControlRecordType.ABORT;
    }
}
