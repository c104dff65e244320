package io.tributary.server.replication;

/**
 * What a leader knows of one follower of one partition (Kafka's replica state): the offset it last
 * fetched from (everything below is durable there, because a follower asks for more only after its
 * previous append is fsynced) and when it was last caught up with the leader's log end.
 */
final class FollowerProgress {
    private volatile long fetchOffset;
    private volatile long lastCaughtUpMs;
    private long lastFetchLeaderEnd = -1;
    private long lastFetchMs;

    FollowerProgress(long fetchOffset, long nowMs) {
        this.fetchOffset = fetchOffset;
        this.lastCaughtUpMs = nowMs;
    }

    /**
     * A fetch from {@code offset} while the leader's log ends at {@code leaderEnd}: caught up now
     * if it asks for the end, or as of its previous fetch if it asks for what the end was then.
     */
    synchronized void onFetch(long offset, long leaderEnd, long nowMs) {
        fetchOffset = offset;
        if (offset >= leaderEnd) {
            lastCaughtUpMs = nowMs;
        } else if (lastFetchLeaderEnd >= 0 && offset >= lastFetchLeaderEnd) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, lastFetchMs);
        }
        lastFetchLeaderEnd = leaderEnd;
        lastFetchMs = nowMs;
    }

    long fetchOffset() {
        return fetchOffset;
    }

    long lastCaughtUpMs() {
        return lastCaughtUpMs;
    }
}
