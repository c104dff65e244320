package io.tributary.server.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.PythonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RabbitMQ compatibility of the management API: a python3 script with only the standard library
 * (urllib, as rabbitmqadmin and operators' scripts use it) declares a vhost, exchange, queue and
 * binding, publishes and gets, lists with {@code columns} and paging, manages a user and
 * permissions, checks the 400/401/403/404 answers and their {@code {"error","reason"}} bodies, and
 * exports, deletes and re-imports definitions, all as RabbitMQ's HTTP API documentation describes.
 */
class RabbitHttpApiScriptIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void aStdlibPythonScriptDrivesTheApiAsRabbitMqDocumentsIt() throws Exception {
        String output = PythonScript.runOk("rabbitmq-http/rabbitmq_http_api.py", 120, BROKER.get().httpBase());
        assertThat(output).contains("ok  publish string payload").contains("ok  POST definitions imports")
                .contains("ok  403 error is not_authorised").contains("ok  the policy's max-length keeps the newest 2");
    }
}
