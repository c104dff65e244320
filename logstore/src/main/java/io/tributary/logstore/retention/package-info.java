/**
 * What to remove from a log by age and size: whole segments past {@code retention.ms} or
 * {@code retention.bytes} or below the log start offset
 * ({@link io.tributary.logstore.retention.RetentionPolicy}). Compaction of
 * {@code cleanup.policy=compact} logs lives in {@code io.tributary.logstore.cleaner}; a
 * {@code compact,delete} log gets both.
 *
 * <p>Threading: the policy is a pure function evaluated under the log's lock.
 */
package io.tributary.logstore.retention;
