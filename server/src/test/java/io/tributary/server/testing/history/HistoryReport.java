package io.tributary.server.testing.history;

import java.util.List;

/**
 * The verdict of {@link HistoryChecker}: counts for the README, and each anomaly's first few
 * examples for the failure message.
 *
 * @param acked writes the broker acknowledged
 * @param unknown writes whose outcome the client never learnt (failed or unanswered); found in the log or not, both are fine
 * @param unknownPresent how many of those the log holds
 * @param lost acknowledged writes missing from the log
 * @param duplicated writes present more than once in the log
 * @param moved acknowledged writes found at another partition/offset than the acknowledgement said
 * @param reordered pairs of one writer's writes whose log order contradicts the order they were sent in
 * @param phantoms log records no client wrote
 * @param divergentReads observed records that differ from the log at that partition and offset
 * @param unread log records no consumer observed (only checked when consumers were expected to read everything)
 */
public record HistoryReport(long acked, long unknown, long unknownPresent, List<String> lost, List<String> duplicated,
        List<String> moved, List<String> reordered, List<String> phantoms, List<String> divergentReads, List<String> unread) {

    public boolean valid() {
        return lost.isEmpty() && duplicated.isEmpty() && moved.isEmpty() && reordered.isEmpty() && phantoms.isEmpty()
                && divergentReads.isEmpty() && unread.isEmpty();
    }

    @Override
    public String toString() {
        return "acked=" + acked + " unknown=" + unknown + " (present " + unknownPresent + ")"
                + " lost=" + lost.size() + sample(lost) + " duplicated=" + duplicated.size() + sample(duplicated)
                + " moved=" + moved.size() + sample(moved) + " reordered=" + reordered.size() + sample(reordered)
                + " phantoms=" + phantoms.size() + sample(phantoms) + " divergentReads=" + divergentReads.size() + sample(divergentReads)
                + " unread=" + unread.size() + sample(unread);
    }

    private static String sample(List<String> items) {
        return items.isEmpty() ? "" : " " + items.subList(0, Math.min(5, items.size()));
    }
}
