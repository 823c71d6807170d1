package io.fedgate.charts;

import io.fedgate.api.metrics.MetricNames;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dashboards and alerts may only name what fedgate's components export: the metrics of
 * {@link MetricNames#ALL} and the labels of its {@code LABEL_*} constants.
 */
class MetricNamesInQueriesTest {

    /** Metrics exported as Prometheus histograms, which are queried through these series suffixes. */
    private static final Set<String> HISTOGRAMS = Set.of(MetricNames.TUNNEL_RTT_SECONDS);
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_sum", "_count");
    /** Labels every scraped series gets from Prometheus, and a histogram bucket's bound. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final String BUCKET_LABEL = "le";

    @Test
    void everyDashboardAndAlertQueryNamesOnlyExportedMetrics() {
        List<String> unknown = new ArrayList<>();
        for (MonitoringQuery query : MonitoringQuery.all()) {
            unknown.addAll(unknownMetrics(query));
        }
        assertThat(unknown).as("metrics no fedgate component exports (see MetricNames.ALL)").isEmpty();
    }

    @Test
    void everyDashboardAndAlertQueryUsesOnlyKnownLabels() {
        Set<String> known = knownLabels();
        List<String> unknown = new ArrayList<>();
        for (MonitoringQuery query : MonitoringQuery.all()) {
            Set<String> labels = new TreeSet<>(PromQlNames.of(query.promQl()).labels());
            labels.addAll(query.extraLabels());
            labels.removeAll(known);
            labels.forEach(label -> unknown.add(query.source() + ": label \"" + label + "\""));
        }
        assertThat(unknown).as("labels that are neither MetricNames.LABEL_* nor job/instance/le").isEmpty();
    }

    @Test
    void everyQueryNamesAtLeastOneMetric() {
        List<MonitoringQuery> queries = MonitoringQuery.all();
        assertThat(queries).as("queries found in the dashboards and the alert rules").hasSizeGreaterThan(20);
        assertThat(queries).allSatisfy(query ->
                assertThat(PromQlNames.of(query.promQl()).metrics()).as(query.source()).isNotEmpty());
    }

    @Test
    void histogramIsQueriedThroughItsSeriesSuffixesOnly() {
        Set<String> named = MonitoringQuery.all().stream()
                .flatMap(q -> PromQlNames.of(q.promQl()).metrics().stream()).collect(Collectors.toSet());
        assertThat(named).doesNotContainAnyElementsOf(HISTOGRAMS)
                .contains(MetricNames.TUNNEL_RTT_SECONDS + "_bucket", MetricNames.TUNNEL_RTT_SECONDS + "_sum",
                        MetricNames.TUNNEL_RTT_SECONDS + "_count");
    }

    @Test
    void aQueryNamingAMetricNoComponentExportsIsReported() {
        MonitoringQuery query = new MonitoringQuery("example", "sum by (cluster) (rate(fedgate_tunnel_bytes_total[5m]))"
                + " / sum(rate(node_network_receive_bytes_total[5m])) + fedgate_tunnel_up_bucket", Set.of());

        assertThat(unknownMetrics(query)).containsExactly(
                "example: fedgate_tunnel_up_bucket", "example: node_network_receive_bytes_total");
    }

    private static List<String> unknownMetrics(MonitoringQuery query) {
        return PromQlNames.of(query.promQl()).metrics().stream()
                .filter(name -> !isExported(name))
                .sorted()
                .map(name -> query.source() + ": " + name)
                .toList();
    }

    private static boolean isExported(String series) {
        if (MetricNames.ALL.contains(series)) {
            return !HISTOGRAMS.contains(series);
        }
        return HISTOGRAM_SUFFIXES.stream().anyMatch(suffix -> series.endsWith(suffix)
                && HISTOGRAMS.contains(series.substring(0, series.length() - suffix.length())));
    }

    /** The values of MetricNames' LABEL_* constants, plus Prometheus' target labels and the bucket label. */
    static Set<String> knownLabels() {
        Set<String> labels = Arrays.stream(MetricNames.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("LABEL_"))
                .map(MetricNamesInQueriesTest::constant)
                .collect(Collectors.toCollection(TreeSet::new));
        labels.addAll(TARGET_LABELS);
        labels.add(BUCKET_LABEL);
        return labels;
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("MetricNames." + field.getName() + " is not readable", e);
        }
    }
}
