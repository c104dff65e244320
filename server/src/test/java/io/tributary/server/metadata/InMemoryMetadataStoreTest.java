package io.tributary.server.metadata;

import io.tributary.config.metadata.InMemoryMetadataStore;
import org.junit.jupiter.api.Test;

/** The store module tests use keeps the contracts the durable stores keep (short of surviving a restart). */
class InMemoryMetadataStoreTest {
    @Test
    void listenersHearEachChangeOnceInOrder() {
        try (InMemoryMetadataStore s = new InMemoryMetadataStore()) {
            ListenerContract.check(s);
        }
    }

    @Test
    void compareAndPutWritesOnlyOverTheExpectedJson() {
        try (InMemoryMetadataStore s = new InMemoryMetadataStore()) {
            CompareAndPutContract.check(s);
        }
    }
}
