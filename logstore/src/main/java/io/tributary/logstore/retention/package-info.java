/**
 * What to remove from a log: whole segments past {@code retention.ms} or {@code retention.bytes} or
 * below the log start offset ({@link io.tributary.logstore.retention.RetentionPolicy}), and the
 * compaction of {@code cleanup.policy=compact} logs (the log cleaner), keeping the last record per
 * key.
 *
 * <p>Threading: the policy is a pure function evaluated under the log's lock; the cleaner runs on
 * its own threads and swaps cleaned segments in under the log's lock.
 */
package io.tributary.logstore.retention;
