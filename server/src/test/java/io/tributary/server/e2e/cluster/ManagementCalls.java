package io.tributary.server.e2e.cluster;

import io.tributary.server.testing.TributaryBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Management HTTP API calls to one node of a test cluster, as its default administrator ({@code guest}, loopback). */
final class ManagementCalls {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ManagementCalls() {
    }

    static HttpResponse<String> call(TributaryBroker node, String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpBase() + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
