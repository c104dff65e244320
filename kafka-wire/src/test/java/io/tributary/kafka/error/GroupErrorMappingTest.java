package io.tributary.kafka.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.kafka.group.GroupError;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Every outcome of the group coordinator has the Kafka error code of the same name. */
class GroupErrorMappingTest {
    @Test
    void everyGroupErrorIsAKafkaError() {
        for (GroupError e : GroupError.values()) {
            assertThat(KafkaErrorMapper.toError(e).name()).isEqualTo(e.name());
        }
    }

    @Test
    void aGroupExceptionFailingAFutureBecomesItsCode() {
        Throwable wrapped = new CompletionException(GroupError.COORDINATOR_LOAD_IN_PROGRESS.exception("loading"));
        assertThat(KafkaErrorMapper.toError(wrapped)).isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS);
        assertThat(KafkaErrorMapper.toApiException(wrapped).getMessage()).isEqualTo("loading");
    }
}
