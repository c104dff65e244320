package io.tributary.logstore.testing;

import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import io.tributary.logstore.testing.Batches.Rec;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole log as a consumer would, fetch after fetch. */
public final class LogReads {
    private LogReads() {
    }

    public static List<Rec> readAll(PartitionLog log, long from, FetchIsolation isolation) {
        List<Rec> out = new ArrayList<>();
        long next = from;
        while (true) {
            ReadResult r = log.read(next, 1 << 20, isolation, true);
            if (r.isEmpty()) {
                return out;
            }
            List<Rec> recs = Batches.decode(r.slice().records());
            if (recs.isEmpty()) {
                return out;
            }
            out.addAll(recs);
            next = recs.get(recs.size() - 1).offset() + 1;
        }
    }

    /** Everything from the log start offset up to the log end. */
    public static List<Rec> readAll(PartitionLog log) {
        return readAll(log, log.logStartOffset(), FetchIsolation.LOG_END);
    }
}
