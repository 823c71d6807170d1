package io.fedgate.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.charts.MonitoringQuery;
import io.fedgate.charts.PromQlNames;
import io.fedgate.charts.PrometheusServer;
import io.fedgate.charts.Promtool;
import io.fedgate.cli.Fedgate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The monitoring chart's dashboards and alert rules against a real Prometheus (Debian's {@code prometheus}
 * package) scraping {@code fedgate demo --chaos}: after the chaos phase (a cluster killed, its lease expired,
 * traffic failed over and back) every dashboard panel and variable returns data, carrying the labels its legend
 * shows, and every alert rule evaluates and names only metrics some component exports. The queries and the
 * Prometheus runner are the charts module's ({@code io.fedgate:charts:test-jar}).
 */
class DashboardQueriesIT {
    private static final Path TOPOLOGY = Path.of("..", "topology-examples", "three-cluster-active-active.yaml");
    private static final Path MONITORING_CHART = Path.of("..", "charts", "fedgate-monitoring");
    /** The demo kills a cluster at 30 % of its run and brings it back at 55 %. */
    private static final Duration RUN = Duration.ofSeconds(50);
    /** When the queries run: the cluster is back for ~12 s, its gateways scraped again. */
    private static final Duration QUERY_AT = Duration.ofSeconds(40);
    /** Prometheus' file-SD and scrape-manager throttling delay the first scrape by ~6 s. */
    private static final Duration TARGETS_UP_TIMEOUT = Duration.ofSeconds(30);
    private static final String MISSING_PROMETHEUS =
            "prometheus not installed (apt-get install -y --no-install-recommends prometheus)";

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void everyPanelShowsDataAndEveryAlertNamesExportedMetricsAfterChaos() throws Exception {
        Optional<Path> prometheusBinary = Promtool.find("prometheus");
        assumeTrue(prometheusBinary.isPresent(), MISSING_PROMETHEUS);
        List<MonitoringQuery> queries = MonitoringQuery.all(MONITORING_CHART);
        Path targets = workDir.resolve("fedgate-targets.json");
        StringWriter output = new StringWriter();
        CommandLine cmd = Fedgate.commandLine();
        PrintWriter out = new PrintWriter(output, true);
        cmd.setOut(out);
        cmd.setErr(out);
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> cmd.execute("demo", "--topology",
                TOPOLOGY.toString(), "--duration", RUN.toSeconds() + "s", "--chaos", "--status-port", "0",
                "--no-browser-hint", "--prometheus-targets", targets.toString()));
        DemoIT.awaitStatusPort(output, demo);
        long demoStarted = System.nanoTime();
        awaitFile(targets, demo, output);

        List<String> findings = new ArrayList<>();
        try (PrometheusServer prometheus = PrometheusServer.start(prometheusBinary.get(),
                Files.createDirectories(workDir.resolve("prometheus")), scrapeConfig(targets))) {
            awaitTargetsUp(prometheus, targets, output);
            long untilQueries = QUERY_AT.toNanos() - (System.nanoTime() - demoStarted);
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(untilQueries)));
            assertThat(demo).as("the demo still runs when the queries run\n" + output).isNotDone();
            for (MonitoringQuery query : queries) {
                findings.addAll(query.isRule() ? ruleFindings(prometheus, query) : panelFindings(prometheus, query));
            }
        }
        assertThat(demo.get(60, TimeUnit.SECONDS)).as(output.toString()).isZero();

        assertThat(queries).hasSizeGreaterThan(20);
        assertThat(output.toString()).contains("CHAOS: cluster east killed").contains("CHAOS: cluster east is back");
        assertThat(findings).as("dashboard and alert queries without data, scraping the demo").isEmpty();
    }

    /** A panel or variable must return at least one series, and its series must carry the labels its legend shows. */
    private static List<String> panelFindings(PrometheusServer prometheus, MonitoringQuery query) throws Exception {
        JsonNode answer = prometheus.query(query.promQl());
        if (!"success".equals(answer.path("status").asText())) {
            return List.of(rejected(query, answer));
        }
        JsonNode series = answer.path("data").path("result");
        if (series.isEmpty()) {
            return List.of(query.source() + ": no series\n    " + query.promQl());
        }
        List<String> findings = new ArrayList<>();
        for (String label : query.extraLabels()) {
            boolean labelled = false;
            for (JsonNode s : series) {
                labelled |= s.path("metric").hasNonNull(label);
            }
            if (!labelled) {
                findings.add(query.source() + ": no series has the label \"" + label + "\" it shows\n    "
                        + query.promQl() + "\n    " + series);
            }
        }
        return findings;
    }

    /**
     * An alert condition is legitimately empty while nothing is wrong; it must evaluate, and every metric it names
     * must have series, or the alert could never fire.
     */
    private static List<String> ruleFindings(PrometheusServer prometheus, MonitoringQuery query) throws Exception {
        JsonNode answer = prometheus.query(query.promQl());
        if (!"success".equals(answer.path("status").asText())) {
            return List.of(rejected(query, answer));
        }
        List<String> findings = new ArrayList<>();
        Set<String> metrics = new TreeSet<>(PromQlNames.of(query.promQl()).metrics());
        for (String metric : metrics) {
            if (prometheus.query("count(" + metric + ")").path("data").path("result").isEmpty()) {
                findings.add(query.source() + ": names " + metric + ", which no scraped component exports");
            }
        }
        return findings;
    }

    private static String rejected(MonitoringQuery query, JsonNode answer) {
        return query.source() + ": " + answer.path("errorType").asText() + ": " + answer.path("error").asText()
                + "\n    " + query.promQl();
    }

    /** Every second, from the demo's file-SD list, which Prometheus re-reads when the demo replaces it. */
    private static String scrapeConfig(Path targets) {
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: fedgate-demo
                    file_sd_configs:
                      - files: ['%s']
                        refresh_interval: 1s
                """.formatted(targets.toAbsolutePath());
    }

    private static void awaitFile(Path file, CompletableFuture<Integer> demo, StringWriter output)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.isRegularFile(file)) {
            if (demo.isDone() || System.nanoTime() > end) {
                throw new AssertionError("the demo wrote no " + file + "\n" + output);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until Prometheus scraped every target the demo listed successfully. */
    private void awaitTargetsUp(PrometheusServer prometheus, Path targets, StringWriter output) throws Exception {
        int listed = 0;
        JsonNode up = null;
        long end = System.nanoTime() + TARGETS_UP_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            listed = targetCount(targets);
            up = prometheus.query("up == 1").path("data").path("result");
            if (listed > 0 && up.size() >= listed) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus scraped " + (up == null ? 0 : up.size()) + " of " + listed
                + " targets within " + TARGETS_UP_TIMEOUT + ": " + up + "\n" + output);
    }

    private int targetCount(Path targets) throws IOException {
        int count = 0;
        for (JsonNode group : json.readTree(targets.toFile())) {
            count += group.path("targets").size();
        }
        return count;
    }
}
