package io.tributary.logstore;

/** How far a read may go. */
public enum FetchIsolation {
    /** Up to the log end offset: replicas (followers) read everything the leader wrote. */
    LOG_END,
    /** Up to the high watermark: consumers with {@code isolation.level=read_uncommitted}. */
    HIGH_WATERMARK,
    /** Up to the last stable offset: consumers with {@code isolation.level=read_committed}. */
    TXN_COMMITTED
}
