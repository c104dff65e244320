package io.tributary.server.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.PythonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The management API driven as RabbitMQ documents it, by a python3 script using only the standard
 * library (urllib, json), the way rabbitmqadmin and operators' scripts call it: declare, bind,
 * publish (string and base64), get, purge, lists with columns and paging, vhosts and their
 * definitions, users and permissions, policies, definitions export/import, delete, and the error
 * answers (400/401/403/404 with {"error","reason"}).
 */
class RabbitApiCompatIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void aStdlibPythonScriptUsesTheApiAsRabbitMqDocumentsIt() throws Exception {
        String output = PythonScript.runOk("management/rabbitmq_api_compat.py", 120, BROKER.get().httpPort());
        assertThat(output).contains("import recreated the binding").contains("bob may not declare alice.q (403)")
                .contains("columns keeps only those (dotted: nested) fields").contains("no credentials is 401 with a Basic challenge");
    }
}
