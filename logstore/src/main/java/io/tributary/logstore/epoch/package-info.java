/**
 * The leader-epoch cache of a partition: which leader epoch started at which offset, as
 * replication's OffsetsForLeaderEpoch and truncation need it, with its checkpoint file.
 *
 * <p>Threading: {@link io.tributary.logstore.epoch.LeaderEpochCache} guards itself with a
 * read-write lock; mutations happen under the owning log's lock, the checkpoint is written by the
 * flusher.
 */
package io.tributary.logstore.epoch;
