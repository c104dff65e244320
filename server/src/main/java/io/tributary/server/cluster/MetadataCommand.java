package io.tributary.server.cluster;

import java.util.List;

/**
 * A change to the cluster metadata, as one Raft log entry carries it ({@link MetadataCommandFormat}).
 * Applying a command is deterministic: every replica that applies the same entries in the same order
 * holds the same records.
 */
sealed interface MetadataCommand permits MetadataCommand.Put, MetadataCommand.Delete, MetadataCommand.PutIfAbsent,
        MetadataCommand.CompareAndPut, MetadataCommand.Batch {

    /** Creates or replaces a record. */
    record Put(String kind, String key, String value) implements MetadataCommand {
    }

    /** Removes a record; removing a missing record changes nothing. */
    record Delete(String kind, String key) implements MetadataCommand {
    }

    /** Creates a record only when the key is not there yet (how a node's pre-cluster records are merged in). */
    record PutIfAbsent(String kind, String key, String value) implements MetadataCommand {
    }

    /**
     * Replaces a record only when its JSON is exactly {@code expected} (null: only when the key is not
     * there), so that writers that read a record, change it and write it back never overwrite a newer
     * change. Inside a batch a refused one, like a lost put-if-absent, leaves the other commands applied.
     */
    record CompareAndPut(String kind, String key, String expected, String value) implements MetadataCommand {
    }

    /** Several commands applied as one entry: all of them or, if the entry is never committed, none. */
    record Batch(List<MetadataCommand> commands) implements MetadataCommand {
        public Batch {
            commands = List.copyOf(commands);
            for (MetadataCommand c : commands) {
                if (c instanceof Batch) {
                    throw new IllegalArgumentException("a batch cannot contain a batch");
                }
            }
        }
    }
}
