package io.tributary.config.metadata;

/**
 * Told about each change applied to one kind of records of a {@link MetadataStore}: by any node of
 * a cluster, this one included. Called on the store's one listener thread, in the order the changes
 * were applied; keep it short and never block there (hand long work off).
 */
@FunctionalInterface
public interface MetadataListener {
    /**
     * @param json the record's new JSON, or null when it was deleted
     */
    void onChange(String kind, String key, String json);
}
