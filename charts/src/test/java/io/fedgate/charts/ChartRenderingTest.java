package io.fedgate.charts;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What holds for every chart: lint-clean, renders typed manifests with default and example values. */
class ChartRenderingTest {

    /** Kinds fabric8 has no typed model for; everything else must parse into its typed class. */
    private static final String PROMETHEUS_OPERATOR_API = "monitoring.coreos.com/v1";
    private static final List<String> STANDARD_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by", "helm.sh/chart");

    static Stream<HelmChart> charts() {
        return HelmChart.ALL.stream();
    }

    /** Every chart, rendered with its default values and with its example values. */
    static Stream<Arguments> renderings() {
        return HelmChart.ALL.stream().flatMap(chart -> Stream.of(
                Arguments.of(chart, "default values", chart.render()),
                Arguments.of(chart, "examples/production.yaml", chart.renderExample())));
    }

    /** The workloads' rendering, with default values and with example values. */
    static Stream<Arguments> workloadRenderings() {
        return renderings().filter(a -> a.get()[0] != HelmChart.MONITORING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void lintsCleanInStrictMode(HelmChart chart) {
        LintResult lint = chart.lint();

        assertThat(lint.isFailed()).as("%s: helm lint --strict failed: %s", chart, lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).as(chart + ": lint findings")
                .noneMatch(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void installNotesRenderWithDefaultAndExampleValues(HelmChart chart) {
        for (Path values : Arrays.asList(null, chart.exampleValues())) {
            String output = chart.dryRunInstallOutput(values);
            int notesStart = output.indexOf("NOTES:");

            assertThat(notesStart).as("%s: helm install prints NOTES", chart).isNotNegative();
            assertThat(output.substring(notesStart))
                    .as("%s NOTES with %s", chart, values == null ? "default values" : values.getFileName())
                    .contains(chart.name(), HelmChart.NAMESPACE)
                    .doesNotContain("<no value>")
                    .doesNotContainPattern("[ \\t]\\n");
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("renderings")
    void rendersIntoTypedKubernetesObjects(HelmChart chart, String values, RenderedChart rendered) {
        assertThat(rendered.objects()).as("%s with %s", chart, values).isNotEmpty();
        assertThat(rendered.all(GenericKubernetesResource.class))
                .as("objects fabric8 could not type (only Prometheus Operator kinds may stay generic)")
                .allSatisfy(o -> assertThat(o.getApiVersion()).isEqualTo(PROMETHEUS_OPERATOR_API));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("renderings")
    void everyObjectCarriesTheStandardLabels(HelmChart chart, String values, RenderedChart rendered) {
        assertThat(rendered.objects()).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .as("labels of %s/%s", o.getKind(), o.getMetadata().getName())
                .containsKeys(STANDARD_LABELS.toArray(String[]::new))
                .containsEntry("app.kubernetes.io/part-of", "fedgate")
                .containsEntry("app.kubernetes.io/instance", chart.name()));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("renderings")
    void namespacedObjectsLandInTheReleaseNamespaceOrKubeSystem(HelmChart chart, String values,
                                                                 RenderedChart rendered) {
        List<String> clusterScoped = List.of("ClusterRole", "ClusterRoleBinding");
        assertThat(rendered.objects()).filteredOn(o -> !clusterScoped.contains(o.getKind()))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
                        .as("namespace of %s/%s", o.getKind(), o.getMetadata().getName())
                        .isIn(HelmChart.NAMESPACE, "kube-system", "monitoring"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("workloadRenderings")
    void containersRunNonRootOnAReadOnlyRootFilesystem(HelmChart chart, String values, RenderedChart rendered) {
        assertThat(rendered.podTemplates()).isNotEmpty().allSatisfy(template -> {
            PodSpec pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("runAsUser").isPositive();
            assertThat(pod.getContainers()).allSatisfy(c -> {
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation")
                        .isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as("dropped capabilities")
                        .containsExactly("ALL");
                assertThat(c.getSecurityContext().getCapabilities().getAdd()).as("added capabilities").isEmpty();
                assertThat(c.getVolumeMounts()).as("a writable /tmp for the JVM")
                        .anyMatch(m -> "/tmp".equals(m.getMountPath()));
            });
        });
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("workloadRenderings")
    void containersProbeHealthzAndReadyzAndDeclareResources(HelmChart chart, String values,
                                                            RenderedChart rendered) {
        Container container = rendered.container();

        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("workloadRenderings")
    void metricsPortIsNamedAndAnnotatedForScraping(HelmChart chart, String values, RenderedChart rendered) {
        PodTemplateSpec template = rendered.podTemplates().get(0);
        Container container = rendered.container();
        int metricsPort = container.getPorts().stream().filter(p -> "metrics".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(chart + ": no container port named metrics")).getContainerPort();

        assertThat(template.getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", Integer.toString(metricsPort))
                .containsEntry("prometheus.io/path", "/metrics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloadCharts")
    void serviceMonitorOnlyWhenEnabledAndScrapingTheMetricsPortWithOurLabels(HelmChart chart) {
        assertThat(chart.render().generic("ServiceMonitor")).isEmpty();

        RenderedChart rendered = chart.render(Map.of("metrics.serviceMonitor.enabled", true));
        GenericKubernetesResource monitor = rendered.generic("ServiceMonitor").get(0);
        Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");

        assertThat(endpoint).containsEntry("port", "metrics").containsEntry("path", "/metrics")
                .containsEntry("honorLabels", true);
        assertThat(rendered.all(Service.class))
                .as("a Service with a metrics port matches the ServiceMonitor's selector")
                .anyMatch(service -> service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())
                        && service.getSpec().getPorts().stream().anyMatch(p -> "metrics".equals(p.getName())));
    }

    static Stream<HelmChart> workloadCharts() {
        return Stream.of(HelmChart.HUB, HelmChart.AGENT, HelmChart.GATEWAY);
    }
}
