package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboards' and alerts' PromQL against the real thing: {@code promtool} checks and unit-tests the alert
 * rules, and a real Prometheus parses and evaluates every expression. Needs Debian's {@code prometheus}
 * package ({@code test-env/install-test-deps.sh} installs it); skips with that reason when it is missing.
 */
class PrometheusQueriesIT {

    private static final String MISSING_PROMTOOL =
            "promtool not installed (apt-get install -y --no-install-recommends prometheus)";
    private static final String MISSING_PROMETHEUS =
            "prometheus not installed (apt-get install -y --no-install-recommends prometheus)";

    @TempDir
    static Path workDir;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startPrometheus() throws IOException, InterruptedException {
        Optional<Path> binary = Promtool.find("prometheus");
        if (binary.isPresent()) {
            prometheus = PrometheusServer.start(binary.get(), workDir);
        }
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void promtoolAcceptsTheRulesFile() throws Exception {
        assumeTrue(Promtool.find("promtool").isPresent(), MISSING_PROMTOOL);

        Promtool.Result check = Promtool.run(workDir, "check", "rules", MonitoringQuery.alertRulesFile().toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsTheRulesAsThePrometheusRuleCarriesThem() throws Exception {
        assumeTrue(Promtool.find("promtool").isPresent(), MISSING_PROMTOOL);
        GenericKubernetesResource rule = HelmChart.MONITORING.render(
                Map.of("prometheusRule.additionalAlertLabels.team", "platform")).generic("PrometheusRule").get(0);
        Path rendered = workDir.resolve("rendered-rules.yaml");
        Documents.YAML.writeValue(rendered.toFile(), Map.of("groups", rule.get("spec", "groups")));

        Promtool.Result check = Promtool.run(workDir, "check", "rules", rendered.toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void alertsFireAndStayQuietAsTheirUnitTestsExpect() throws Exception {
        assumeTrue(Promtool.find("promtool").isPresent(), MISSING_PROMTOOL);
        Path dir = Files.createDirectories(workDir.resolve("rule-tests"));
        Documents.YAML.writeValue(dir.resolve("fedgate-alerts.yaml").toFile(),
                withoutAnnotations(Documents.read(MonitoringQuery.alertRulesFile())));
        try (InputStream tests = getClass().getResourceAsStream("/promtool/fedgate-alerts-test.yaml")) {
            assertThat(tests).as("promtool/fedgate-alerts-test.yaml on the test classpath").isNotNull();
            Files.copy(tests, dir.resolve("fedgate-alerts-test.yaml"));
        }

        Promtool.Result test = Promtool.run(dir, "test", "rules", "fedgate-alerts-test.yaml");

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void prometheusParsesAndEvaluatesEveryDashboardAndAlertQuery() throws Exception {
        assumeTrue(prometheus != null, MISSING_PROMETHEUS);
        List<MonitoringQuery> queries = MonitoringQuery.all();
        List<String> rejected = new ArrayList<>();

        for (MonitoringQuery query : queries) {
            JsonNode answer = prometheus.query(query.promQl());
            if (!"success".equals(answer.path("status").asText())) {
                rejected.add(query.source() + ": " + answer.path("errorType").asText() + ": "
                        + answer.path("error").asText() + "\n    " + query.promQl());
            }
        }

        assertThat(queries).hasSizeGreaterThan(20);
        assertThat(rejected).as("queries Prometheus rejects").isEmpty();
    }

    @Test
    void prometheusRejectsAMalformedQuery() throws Exception {
        assumeTrue(prometheus != null, MISSING_PROMETHEUS);

        JsonNode answer = prometheus.query("sum by (cluster (fedgate_tunnel_up)");

        assertThat(answer.path("status").asText()).isEqualTo("error");
        assertThat(answer.path("errorType").asText()).isEqualTo("bad_data");
    }

    /** promtool compares annotations word for word; the unit tests are about expressions, `for` and labels. */
    private static JsonNode withoutAnnotations(JsonNode rules) {
        JsonNode copy = rules.deepCopy();
        copy.path("groups").forEach(group -> group.path("rules").forEach(rule -> ((ObjectNode) rule).remove("annotations")));
        return copy;
    }
}
