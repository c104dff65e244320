package io.tributary.logstore.segment;

import java.nio.file.Path;

/**
 * Names of a segment's files: the segment's base offset as 20 zero-padded digits, plus a suffix,
 * as Kafka names them ({@code 00000000000000000042.log}).
 */
public final class SegmentFileNames {
    public static final String LOG = ".log";
    public static final String INDEX = ".index";
    public static final String TIME_INDEX = ".timeindex";
    public static final String TXN_INDEX = ".txnindex";
    public static final String SNAPSHOT = ".snapshot";
    /** Appended to a segment file renamed for deletion after {@code file.delete.delay.ms}. */
    public static final String DELETED = ".deleted";
    /** Appended to the output of compaction while it is being written. */
    public static final String CLEANED = ".cleaned";
    /** Appended to completed compaction output that has not yet replaced the segments it cleaned. */
    public static final String SWAP = ".swap";

    private SegmentFileNames() {
    }

    /** {@code 42 -> "00000000000000000042"}. */
    public static String prefix(long offset) {
        String digits = Long.toString(offset);
        return "0".repeat(Math.max(0, 20 - digits.length())) + digits;
    }

    public static Path file(Path dir, long baseOffset, String suffix) {
        return dir.resolve(prefix(baseOffset) + suffix);
    }

    /** The offset a file name starts with, or -1 when it does not start with 20 digits. */
    public static long offsetOf(String fileName) {
        if (fileName.length() < 20) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return -1;
            }
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
