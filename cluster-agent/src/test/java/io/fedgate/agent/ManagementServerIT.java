package io.fedgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.agent.internal.AgentMetrics;
import io.fedgate.api.metrics.MetricNames;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The management port on loopback, with the agent's real meters in a Prometheus registry. */
class ManagementServerIT {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<AgentHealth> health = new AtomicReference<>(
            new AgentHealth(true, false, List.of("plan watch on the hub is down")));
    private final ManagementServer server = ManagementServer.start("127.0.0.1", 0, registry::scrape, health::get);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metricsCarryEveryAgentMetricWithTheClusterLabel() throws Exception {
        AgentMetrics metrics = new AgentMetrics(registry, "east", Clock.systemUTC());
        metrics.written("EndpointSlice");
        metrics.written("EndpointSlice");
        metrics.hubConnected(true);
        metrics.planApplied(42);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body())
                .contains(MetricNames.AGENT_WRITES_TOTAL + "{cluster=\"east\",kind=\"EndpointSlice\"} 2.0")
                .contains(MetricNames.AGENT_HUB_CONNECTED + "{cluster=\"east\"} 1.0")
                .contains(MetricNames.AGENT_PLAN_VERSION + "{cluster=\"east\"} 42.0")
                .contains(MetricNames.AGENT_SYNC_LAG_SECONDS + "{cluster=\"east\"}");
    }

    @Test
    void readinessFollowsTheAgentAndSaysWhy() throws Exception {
        HttpResponse<String> notReady = get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("plan watch on the hub is down\n");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);

        health.set(new AgentHealth(true, true, List.of()));

        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        health.set(new AgentHealth(false, false, List.of("agent stopped")));
        assertThat(get("/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void onlyGetOfTheThreePathsIsServed() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/other").statusCode()).isEqualTo(404);
    }

    @Test
    void oversizedHeadersAreRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .header("X-Big", "a".repeat(ManagementServer.DEFAULT_MAX_HEADER_BYTES + 1)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400).isLessThan(500);
    }

    @Test
    void aPortOutsideTheRangeIsRefusedNamingIt() {
        assertThatThrownBy(() -> ManagementServer.start("127.0.0.1", 70000, () -> "", health::get))
                .isInstanceOf(AgentConfigException.class).hasMessage("metrics port: 70000 is outside 0..65535");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
