package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fedgate.api.metrics.MetricNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoringChartTest {

    private static final Path TUNNEL_HEALTH = MonitoringQuery.dashboardsDirectory().resolve("tunnel-health.json");
    private static final Path OVERVIEW = MonitoringQuery.dashboardsDirectory().resolve("federation-overview.json");

    private final RenderedChart monitoring = HelmChart.MONITORING.render();

    @Test
    void everyDashboardFileBecomesAConfigMapLabelledForGrafanasSidecar() {
        List<ConfigMap> configMaps = monitoring.all(ConfigMap.class);

        assertThat(configMaps).hasSize(MonitoringQuery.dashboardFiles().size()).hasSize(2);
        assertThat(configMaps).allSatisfy(cm -> {
            assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            assertThat(cm.getMetadata().getAnnotations()).containsEntry("grafana_folder", "fedgate");
            assertThat(cm.getData()).hasSize(1);
        });
        for (Path file : MonitoringQuery.dashboardFiles()) {
            String key = "fedgate-" + file.getFileName();
            ConfigMap configMap = configMaps.stream().filter(cm -> cm.getData().containsKey(key)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap carries " + key));
            assertThat(Documents.json(key, configMap.getData().get(key))).as(key + " is the file's JSON")
                    .isEqualTo(Documents.read(file));
        }
    }

    @Test
    void exampleSendsDashboardsToGrafanasNamespace() {
        assertThat(HelmChart.MONITORING.renderExample().all(ConfigMap.class))
                .allSatisfy(cm -> assertThat(cm.getMetadata().getNamespace()).isEqualTo("monitoring"));
    }

    @Test
    void dashboardsHaveUniqueUidsTitlesAndPanelIds() {
        Set<String> uids = new HashSet<>();
        for (Path file : MonitoringQuery.dashboardFiles()) {
            JsonNode dashboard = Documents.read(file);
            Set<Integer> ids = new HashSet<>();

            assertThat(uids.add(dashboard.path("uid").asText())).as(file + " uid is unique").isTrue();
            assertThat(dashboard.path("title").asText()).as(file + " title").startsWith("fedgate / ");
            dashboard.path("panels").forEach(panel ->
                    assertThat(ids.add(panel.path("id").asInt())).as(file + " panel id " + panel.path("id")).isTrue());
        }
    }

    @Test
    void everyPanelQueriesThroughTheDatasourceVariable() {
        for (Path file : MonitoringQuery.dashboardFiles()) {
            JsonNode dashboard = Documents.read(file);

            assertThat(dashboard.path("templating").path("list")).as(file + " variables")
                    .anyMatch(v -> "datasource".equals(v.path("name").asText())
                            && "prometheus".equals(v.path("query").asText()));
            assertThat(MonitoringQuery.panels(dashboard)).as(file + " panels").isNotEmpty().allSatisfy(panel -> {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as("targets of " + panel.path("title")).isNotEmpty();
            });
        }
    }

    @Test
    void dashboardsUseOnlyVariablesTheyDefine() {
        for (Path file : MonitoringQuery.dashboardFiles()) {
            Set<String> defined = new TreeSet<>();
            Documents.read(file).path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
            Set<String> used = new TreeSet<>();
            MonitoringQuery.ofDashboard(file).forEach(q -> used.addAll(q.dashboardVariables()));

            assertThat(defined).as(file + " defines every variable it uses").containsAll(used);
        }
    }

    @Test
    void tunnelHealthShowsUpRttHeatmapBytesStreamsAndFailoversPerClusterPair() {
        JsonNode dashboard = Documents.read(TUNNEL_HEALTH);
        JsonNode up = panel(dashboard, "Tunnel up per cluster pair");
        JsonNode heatmap = panel(dashboard, "Tunnel RTT heatmap");
        JsonNode bytes = panel(dashboard, "Bytes by direction");
        JsonNode failovers = panel(dashboard, "Failovers per cluster pair");

        assertThat(metrics(up)).containsExactly(MetricNames.TUNNEL_UP);
        assertThat(grouping(up)).containsExactlyInAnyOrder(MetricNames.LABEL_CLUSTER, MetricNames.LABEL_PEER_CLUSTER);
        assertThat(heatmap.path("type").asText()).isEqualTo("heatmap");
        assertThat(heatmap.path("targets").get(0).path("format").asText()).isEqualTo("heatmap");
        assertThat(metrics(heatmap)).containsExactly(MetricNames.TUNNEL_RTT_SECONDS + "_bucket");
        assertThat(metrics(bytes)).containsExactly(MetricNames.TUNNEL_BYTES_TOTAL);
        assertThat(grouping(bytes)).contains(MetricNames.LABEL_DIRECTION, MetricNames.LABEL_PEER_CLUSTER);
        assertThat(metrics(panel(dashboard, "Active streams per cluster pair")))
                .containsExactly(MetricNames.TUNNEL_STREAMS_ACTIVE);
        assertThat(metrics(failovers)).containsExactly(MetricNames.LB_FAILOVERS_TOTAL);
        assertThat(grouping(failovers)).contains(MetricNames.LABEL_FROM_CLUSTER, MetricNames.LABEL_TO_CLUSTER);
    }

    @Test
    void federationOverviewShowsClustersExportsImportsPlanLagAndLeaseExpiries() {
        JsonNode dashboard = Documents.read(OVERVIEW);

        assertThat(metrics(panel(dashboard, "Clusters"))).containsExactly(MetricNames.HUB_CLUSTERS);
        assertThat(metrics(panel(dashboard, "Live clusters"))).containsExactly(MetricNames.HUB_CLUSTERS_LIVE);
        assertThat(metrics(panel(dashboard, "Exports"))).containsExactly(MetricNames.HUB_EXPORTS);
        assertThat(metrics(panel(dashboard, "Imports"))).containsExactly(MetricNames.HUB_IMPORTS);
        assertThat(panel(dashboard, "Plan version lag per cluster").path("targets").get(0).path("expr").asText())
                .matches("max by \\(cluster\\) \\(" + MetricNames.HUB_PLAN_VERSION + "\\{.*}\\) - "
                        + "max by \\(cluster\\) \\(" + MetricNames.AGENT_PLAN_VERSION + "\\{.*}\\)");
        assertThat(metrics(panel(dashboard, "Lease expiries per cluster")))
                .containsExactly(MetricNames.HUB_LEASE_EXPIRIES_TOTAL);
    }

    @Test
    void prometheusRuleCarriesEveryRuleOfTheRulesFile() {
        GenericKubernetesResource rule = monitoring.generic("PrometheusRule").get(0);
        List<Object> renderedGroups = rule.get("spec", "groups");

        assertThat(Documents.JSON.valueToTree(renderedGroups).equals(Documents.read(MonitoringQuery.alertRulesFile())
                .path("groups"))).as("rendered groups equal rules/fedgate-alerts.yaml").isTrue();
    }

    @Test
    void alertsCoverTunnelsImportsCertificatesHubMembersAndLeases() {
        List<JsonNode> alerts = alerts(Documents.read(MonitoringQuery.alertRulesFile()));

        assertThat(alerts).extracting(a -> a.path("alert").asText()).contains("FedgateTunnelDown",
                "FedgateImportNoHealthyCluster", "FedgateCertificateExpiringSoon", "FedgateHubMemberLost",
                "FedgateClusterLeaseExpired");
        assertThat(alert(alerts, "FedgateCertificateExpiringSoon").path("expr").asText())
                .isEqualTo(MetricNames.CERT_EXPIRY_SECONDS + " < 7 * 24 * 3600");
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.path("labels").path("severity").asText()).as(a.path("alert").asText())
                    .isIn("warning", "critical");
            assertThat(a.path("annotations").path("summary").asText()).as(a.path("alert").asText()).isNotBlank();
            assertThat(a.path("annotations").path("description").asText()).as(a.path("alert").asText()).isNotBlank();
        });
    }

    @Test
    void additionalAlertLabelsAreAddedButNeverOverrideARulesOwn() {
        GenericKubernetesResource rule = HelmChart.MONITORING.render(Map.of(
                "prometheusRule.additionalAlertLabels.team", "platform",
                "prometheusRule.additionalAlertLabels.severity", "info")).generic("PrometheusRule").get(0);
        List<JsonNode> alerts = alerts(Documents.JSON.valueToTree(Map.of("groups", rule.get("spec", "groups"))));

        assertThat(alerts).isNotEmpty().allSatisfy(a -> {
            assertThat(a.path("labels").path("team").asText()).isEqualTo("platform");
            assertThat(a.path("labels").path("severity").asText()).isIn("warning", "critical");
        });
    }

    @Test
    void nothingIsRenderedWhenBothPartsAreDisabled() {
        assertThat(HelmChart.MONITORING.render(Map.of("prometheusRule.enabled", false, "dashboards.enabled", false))
                .objects()).isEmpty();
    }

    private static JsonNode panel(JsonNode dashboard, String title) {
        return MonitoringQuery.panels(dashboard).stream().filter(p -> title.equals(p.path("title").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no panel titled \"" + title + "\""));
    }

    private static Set<String> metrics(JsonNode panel) {
        return namesOf(panel, PromQlNames::metrics);
    }

    /** Labels the panel's queries group or match by. */
    private static Set<String> grouping(JsonNode panel) {
        Set<String> labels = namesOf(panel, PromQlNames::labels);
        labels.removeIf(Predicate.isEqual("le"));
        return labels;
    }

    private static Set<String> namesOf(JsonNode panel, Function<PromQlNames, Set<String>> part) {
        Set<String> names = new TreeSet<>();
        for (JsonNode target : panel.path("targets")) {
            MonitoringQuery query = new MonitoringQuery("panel", target.path("expr").asText(), Set.of());
            names.addAll(part.apply(PromQlNames.of(query.promQl())));
        }
        return names;
    }

    private static List<JsonNode> alerts(JsonNode rules) {
        List<JsonNode> alerts = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(alerts::add));
        return alerts;
    }

    private static JsonNode alert(List<JsonNode> alerts, String name) {
        return alerts.stream().filter(a -> name.equals(a.path("alert").asText())).findFirst().orElseThrow();
    }
}
