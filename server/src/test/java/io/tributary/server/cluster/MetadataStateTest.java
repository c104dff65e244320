package io.tributary.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.metadata.MetadataListeners;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the replicated records apply compare-and-put entries: alone and inside a batch. */
class MetadataStateTest {
    @Test
    void aCompareAndPutCountsWhenItsExpectationHeldAndPublishesOnlyAChange() {
        MetadataState state = new MetadataState();
        List<MetadataListeners.Change> changes = new ArrayList<>();
        assertThat(state.apply(new MetadataCommand.CompareAndPut("p", "t-0", "{}", "{\"e\":1}"), changes)).isZero();
        assertThat(state.kinds()).as("a refused write leaves no empty kind behind").isEmpty();
        assertThat(state.apply(new MetadataCommand.CompareAndPut("p", "t-0", null, "{\"e\":1}"), changes)).isOne();
        assertThat(state.apply(new MetadataCommand.CompareAndPut("p", "t-0", "{\"e\":1}", "{\"e\":1}"), changes)).isOne();
        assertThat(state.apply(new MetadataCommand.CompareAndPut("p", "t-0", null, "{\"e\":2}"), changes)).isZero();
        assertThat(changes).containsExactly(new MetadataListeners.Change("p", "t-0", "{\"e\":1}"));
    }

    @Test
    void aRefusedCompareAndPutInABatchLeavesTheOtherCommandsApplied() {
        MetadataState state = new MetadataState();
        state.apply(new MetadataCommand.Put("p", "t-0", "{\"e\":1}"));
        List<MetadataListeners.Change> changes = new ArrayList<>();
        int changed = state.apply(new MetadataCommand.Batch(List.of(new MetadataCommand.CompareAndPut("p", "t-0", "{\"e\":0}", "{\"e\":9}"),
                new MetadataCommand.CompareAndPut("p", "t-1", null, "{\"e\":1}"), new MetadataCommand.Put("p", "t-2", "{}"))), changes);
        assertThat(changed).isEqualTo(2);
        assertThat(state.list("p")).isEqualTo(Map.of("t-0", "{\"e\":1}", "t-1", "{\"e\":1}", "t-2", "{}"));
        assertThat(changes).extracting(MetadataListeners.Change::key).containsExactly("t-1", "t-2");
    }
}
