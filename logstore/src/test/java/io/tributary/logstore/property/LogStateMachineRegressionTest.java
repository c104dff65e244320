package io.tributary.logstore.property;

import io.tributary.logstore.property.LogStateMachineTest.Advance;
import io.tributary.logstore.property.LogStateMachineTest.Append;
import io.tributary.logstore.property.LogStateMachineTest.Compact;
import io.tributary.logstore.property.LogStateMachineTest.DeleteRecords;
import io.tributary.logstore.property.LogStateMachineTest.Flush;
import io.tributary.logstore.property.LogStateMachineTest.Op;
import io.tributary.logstore.property.LogStateMachineTest.Read;
import io.tributary.logstore.property.LogStateMachineTest.Truncate;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

/** Shrunk samples the property once failed on, replayed as they were, so they stay fixed. */
class LogStateMachineRegressionTest {
    /**
     * A truncation below the cleaner's checkpoint made a cleaned segment active again; the cleaner (rightly)
     * left the tombstone in it alone while the model expected it gone (fresh-clone CI run, 2026-12-01).
     */
    @RepeatedTest(3)
    void compactionAfterTruncationBelowTheCleanedOffset() throws Exception {
        run(List.of(new Append(1, 0, false), new Append(1, 0, false), new Append(3, 0, false), new Append(3, 6979427672618L, false),
                new Append(1, -236, false), new Read(0.04, 1, false), new Append(2, -2568816580L, true), new DeleteRecords(0.72),
                new Compact(), new Append(4, 1228319155731661170L, false), new Append(2, 3952059, true), new Append(2, -1, true),
                new Append(1, -15440229373814L, false), new Append(5, -9223372036854775808L, false), new Read(1.0, 1, false),
                new Compact(), new Append(2, -1845503622266575253L, false), new Append(2, -1, false), new Append(4, -38, true),
                new Append(1, 9223372036854775806L, false), new Flush(), new Append(5, -2007612, true), new Advance(1000),
                new Flush(), new Truncate(0.31), new Append(3, -65029, true), new Compact()));
    }

    private static void run(List<Op> ops) throws Exception {
        try (LogHarness h = new LogHarness()) {
            for (Op op : ops) {
                op.apply(h);
                h.check();
            }
        }
    }
}
