/**
 * JMH benchmarks of the log store: append throughput of {@code PartitionLog.appendAsLeader} (with
 * and without waiting for durability) and sequential read throughput through zero-copy slices. Run
 * them with {@code bench/logstore-jmh.sh}, which also measures the disk's raw sequential write
 * bandwidth to compare with ({@code bench/README.md}).
 *
 * <p>Threading: JMH's; each benchmark state owns one log manager on its own temporary directory.
 */
package io.tributary.bench.logstore;
