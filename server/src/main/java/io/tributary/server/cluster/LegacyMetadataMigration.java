package io.tributary.server.cluster;

import io.tributary.config.ClusterSettings;
import io.tributary.config.ConfigException;
import io.tributary.server.metadata.LocalMetadataStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the metadata of a node upgraded from a pre-cluster build into the Raft group, once: every
 * record of {@code meta/metadata.log} is written with put-if-absent (so nothing the group already
 * holds is overwritten, and running it twice is harmless), in batches of at most half an entry's
 * limit, the last batch carrying the marker {@code cluster.migrated/<node id>}. Then the file is
 * renamed {@code metadata.log.migrated} (kept, as the evidence and a way back). A crash before the
 * rename repeats the merge at the next start, which changes nothing.
 */
final class LegacyMetadataMigration {
    static final String MARKER_KIND = "cluster.migrated";
    static final String LOG_FILE = "metadata.log";
    static final String MIGRATED_FILE = "metadata.log.migrated";
    private static final Logger LOGGER = LoggerFactory.getLogger(LegacyMetadataMigration.class);
    private static final int BATCH_BYTES = MetadataCommandFormat.MAX_ENTRY_BYTES / 2;

    private LegacyMetadataMigration() {
    }

    static void run(RaftMetadataStore store, RaftOptions options) {
        Path dir = options.legacyMetaDir();
        if (dir == null || !Files.isRegularFile(dir.resolve(LOG_FILE))) {
            return;
        }
        String marker = Integer.toString(options.nodeId());
        try {
            int records = 0;
            int added = 0;
            if (!store.list(MARKER_KIND).containsKey(marker)) {
                Map<String, Map<String, String>> all;
                try (LocalMetadataStore local = LocalMetadataStore.open(dir)) {
                    all = local.all();
                }
                List<MetadataCommand.Batch> batches = batches(all, marker);
                for (MetadataCommand.Batch b : batches) {
                    added += store.submit(b).get(options.writeTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
                    records += b.commands().size();
                }
                records--;
                added--;
            }
            Files.move(dir.resolve(LOG_FILE), dir.resolve(MIGRATED_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
            LOGGER.info("Merged the single-node metadata of {} into the cluster metadata: {} records, {} new; kept as {}", dir.resolve(LOG_FILE),
                    Math.max(0, records), Math.max(0, added), MIGRATED_FILE);
        } catch (IOException | ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ConfigException(ClusterSettings.PEERS.name(), "the metadata in " + dir.resolve(LOG_FILE) + " could not be merged into the"
                    + " cluster metadata: " + RaftMetadataStore.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(ClusterSettings.PEERS.name(), "interrupted while merging " + dir.resolve(LOG_FILE));
        }
    }

    /** Put-if-absent batches of every record, the last one ending with the marker. */
    static List<MetadataCommand.Batch> batches(Map<String, Map<String, String>> all, String marker) {
        List<MetadataCommand.Batch> out = new ArrayList<>();
        List<MetadataCommand> current = new ArrayList<>();
        int bytes = 0;
        for (Map.Entry<String, Map<String, String>> kind : all.entrySet()) {
            for (Map.Entry<String, String> r : kind.getValue().entrySet()) {
                MetadataCommand c = new MetadataCommand.PutIfAbsent(kind.getKey(), r.getKey(), r.getValue());
                int size = MetadataCommandFormat.encodedSize(c);
                if (!current.isEmpty() && bytes + size > BATCH_BYTES) {
                    out.add(new MetadataCommand.Batch(current));
                    current = new ArrayList<>();
                    bytes = 0;
                }
                current.add(c);
                bytes += size;
            }
        }
        int total = all.values().stream().mapToInt(Map::size).sum();
        current.add(new MetadataCommand.Put(MARKER_KIND, marker, "{\"records\":" + total + ",\"at\":\"" + Instant.now() + "\"}"));
        out.add(new MetadataCommand.Batch(current));
        return out;
    }
}
