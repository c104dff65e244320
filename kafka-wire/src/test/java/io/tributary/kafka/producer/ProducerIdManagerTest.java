package io.tributary.kafka.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.metadata.InMemoryMetadataStore;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProducerIdManagerTest {
    @Test
    void idsAreUniqueAcrossManagersSharingAStore() {
        // two nodes on one (replicated) metadata store, interleaving their block reservations
        InMemoryMetadataStore store = new InMemoryMetadataStore();
        ProducerIdManager a = new ProducerIdManager(store);
        ProducerIdManager b = new ProducerIdManager(store);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 2_500; i++) {
            assertThat(seen.add(a.next().join())).as("unique id from a").isTrue();
            assertThat(seen.add(b.next().join())).as("unique id from b").isTrue();
        }
    }

    @Test
    void aRestartNeverReusesAnIdAndSkipsAtMostOneBlock() {
        InMemoryMetadataStore store = new InMemoryMetadataStore();
        ProducerIdManager first = new ProducerIdManager(store);
        long last = -1;
        for (int i = 0; i < 10; i++) {
            last = first.next().join();
        }
        long afterRestart = new ProducerIdManager(store).next().join();
        assertThat(afterRestart).isGreaterThan(last).isEqualTo(ProducerIdManager.BLOCK_SIZE);
    }

    @Test
    void aStoreWithOnlyTheOldHintResumesAfterIt() {
        InMemoryMetadataStore store = new InMemoryMetadataStore();
        store.put(ProducerIdManager.METADATA_KIND, ProducerIdManager.KEY, "5000").join();
        assertThat(new ProducerIdManager(store).next().join()).isEqualTo(5000L);
    }
}
