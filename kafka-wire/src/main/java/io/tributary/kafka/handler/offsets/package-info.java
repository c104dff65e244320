/**
 * Offset APIs: ListOffsets, OffsetForLeaderEpoch, DeleteRecords. Index lookups run on the
 * connection's storage executor.
 */
package io.tributary.kafka.handler.offsets;
