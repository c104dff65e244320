package io.tributary.logstore.io;

/**
 * The layout of every checkpoint file (the same text layout as Kafka's, so its tools read ours).
 *
 * <pre>
 *   +-----------------------------+
 *   | version            "0\n"    |  decimal, the format of the entry lines
 *   | entry count        "N\n"    |  decimal; a file with another number of lines is corrupt
 *   | entry 1            "...\n"  |  space-separated fields, defined by each checkpoint:
 *   | ...                         |    recovery-point-offset-checkpoint  "topic partition offset"
 *   | entry N            "...\n"  |    log-start-offset-checkpoint       "topic partition offset"
 *   +-----------------------------+    replication-offset-checkpoint     "topic partition offset"
 *                                      cleaner-offset-checkpoint         "topic partition offset"
 *                                      leader-epoch-checkpoint           "epoch startOffset"
 * </pre>
 *
 * Written whole to {@code <name>.tmp}, fsynced, renamed over the old file, directory fsynced
 * ({@link CheckpointFile#write}); a leftover {@code .tmp} is ignored and overwritten.
 */
public final class CheckpointFileFormat {
    /** The version written in the first line of offset checkpoints and the epoch checkpoint. */
    public static final int VERSION = 0;
    public static final String TMP_SUFFIX = ".tmp";

    private CheckpointFileFormat() {
    }
}
