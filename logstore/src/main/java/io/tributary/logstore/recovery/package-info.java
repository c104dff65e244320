/**
 * Opening a partition's log after a clean or unclean stop: leftover files of interrupted deletes
 * and compactions are resolved, segments after the recovery point are CRC-scanned and cut after
 * their last valid batch, indexes rebuilt, producer state and leader epochs reloaded; and the
 * per-directory checkpoints and clean-shutdown marker that let a clean start skip all scanning.
 *
 * <p>Threading: a log is loaded by one thread before anyone else can see it.
 */
package io.tributary.logstore.recovery;
