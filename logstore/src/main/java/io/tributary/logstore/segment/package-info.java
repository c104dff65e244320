/**
 * One segment's files and the ordered set of segments of a log: the {@code .log} file of record
 * batches, the sparse offset index, the time index, their names and byte layouts.
 *
 * <p>Threading: a {@link io.tributary.logstore.segment.LogSegment} is appended to by one thread at
 * a time (the owning log's writer, under the log's lock) and read by any number of threads without
 * locks: readers bound themselves by a published end position. The active {@code .log} file's
 * write buffer is guarded by its {@link io.tributary.logstore.segment.LogFile}'s monitor, which a
 * reader takes only to write out a buffered tail it needs. Index files are memory-mapped and
 * guard remapping with their own lock. {@link io.tributary.logstore.segment.LogSegments} is a
 * concurrent map.
 */
package io.tributary.logstore.segment;
