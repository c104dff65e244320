package io.tributary.server.e2e.kafka;

import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.PythonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's python3-confluent-kafka (librdkafka; installed by .ci/run) runs a transactional producer
 * (commit and abort) and a read_committed consumer group that commits and resumes.
 */
class ConfluentKafkaIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void confluentKafkaProducesTransactionallyAndConsumesInAGroup() throws Exception {
        PythonScript.runOk("confluent/confluent_client.py", 180, BROKER.get().kafkaBootstrap());
    }
}
