package io.fedgate.charts;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent chart's optional CoreDNS configuration for the cluster-set zone (values {@code dns.*}). */
class ClustersetDnsChartTest {

    private static final String CORE_DNS_OBJECTS = "fedgate-agent-coredns";
    private static final String BLOCK_KEY = "fedgate-clusterset.server";
    private static final String ZONE = "clusterset.local";

    private static final Map<String, Object> ENABLED = Map.of("dns.clusterset.enabled", true);

    @Test
    void defaultRenderHasNoDnsObjects() {
        for (RenderedChart rendered : List.of(HelmChart.AGENT.render(), HelmChart.AGENT.renderExample())) {
            assertThat(rendered.all(ConfigMap.class)).as(rendered.source()).isEmpty();
            assertThat(rendered.objects()).as(rendered.source())
                    .noneMatch(o -> o.getMetadata().getName().contains("coredns"))
                    .noneMatch(o -> "kube-system".equals(o.getMetadata().getNamespace()) && o instanceof ConfigMap);
            assertThat(rendered.all(ClusterRoleBinding.class)).as(rendered.source())
                    .flatExtracting(ClusterRoleBinding::getSubjects)
                    .noneMatch(s -> "coredns".equals(s.getName()));
        }
    }

    @Test
    void kubernetesPluginModeGrantsCoreDnsListAndWatchOnWhatTheBlockReads() {
        ClusterRole role = coreDnsRole(HelmChart.AGENT.render(ENABLED));

        assertThat(readsByResource(role)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "multicluster.x-k8s.io/serviceimports", Set.of("list", "watch"),
                "discovery.k8s.io/endpointslices", Set.of("list", "watch"),
                "/services", Set.of("list", "watch"),
                "/namespaces", Set.of("list", "watch")));
    }

    @Test
    void externalPluginModeGrantsOnlyWhatTheMulticlusterPluginWatches() {
        ClusterRole role = coreDnsRole(HelmChart.AGENT.render(with("dns.clusterset.plugin", "external")));

        assertThat(readsByResource(role)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "multicluster.x-k8s.io/serviceimports", Set.of("list", "watch"),
                "discovery.k8s.io/endpointslices", Set.of("list", "watch"),
                "/namespaces", Set.of("list", "watch")));
    }

    @Test
    void coreDnsRoleNamesNoSecretsPodsOrWildcards() {
        for (String plugin : List.of("kubernetes", "external")) {
            assertThat(coreDnsRole(HelmChart.AGENT.render(with("dns.clusterset.plugin", plugin))).getRules())
                    .as(plugin).allSatisfy(rule -> {
                        assertThat(rule.getResources()).doesNotContain("secrets", "pods", "*");
                        assertThat(rule.getApiGroups()).doesNotContain("*");
                        assertThat(rule.getVerbs()).doesNotContain("*").allMatch(v -> v.equals("list") || v.equals("watch"));
                        assertThat(rule.getResourceNames()).isEmpty();
                        assertThat(rule.getNonResourceURLs()).isEmpty();
                    });
        }
    }

    @Test
    void bindingGrantsTheRoleToTheCoreDnsServiceAccountInItsNamespace() {
        ClusterRoleBinding byDefault = coreDnsBinding(HelmChart.AGENT.render(ENABLED));
        ClusterRoleBinding rke2 = coreDnsBinding(HelmChart.AGENT.render(
                with("dns.coredns.serviceAccount", "rke2-coredns-rke2-coredns")));

        assertThat(byDefault.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(byDefault.getRoleRef().getName()).isEqualTo(CORE_DNS_OBJECTS);
        assertThat(byDefault.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("coredns");
            assertThat(subject.getNamespace()).isEqualTo("kube-system");
        });
        assertThat(rke2.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo("rke2-coredns-rke2-coredns");
            assertThat(subject.getNamespace()).isEqualTo("kube-system");
        });
    }

    @Test
    void enablingDnsGrantsTheAgentNothingMore() {
        ClusterRole agentByDefault = agentRole(HelmChart.AGENT.render());
        ClusterRole agentWithDns = agentRole(HelmChart.AGENT.render(ENABLED));

        assertThat(agentWithDns.getRules()).isEqualTo(agentByDefault.getRules());
    }

    @Test
    void corefileBlockServesTheZoneThroughTheKubernetesPluginsMulticlusterOption() {
        ConfigMap configMap = coreDnsConfigMap(HelmChart.AGENT.render(ENABLED));
        Corefile.ServerBlock block = Corefile.parse(configMap.getData().get(BLOCK_KEY)).serverBlocks().get(0);

        assertThat(configMap.getMetadata().getName()).isEqualTo(CORE_DNS_OBJECTS);
        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(configMap.getData()).containsOnlyKeys(BLOCK_KEY);
        assertThat(Corefile.parse(configMap.getData().get(BLOCK_KEY)).serverBlocks()).hasSize(1);
        assertThat(block.keys()).containsExactly(ZONE + ":53");
        assertThat(block.directive("kubernetes")).hasValueSatisfying(kubernetes -> {
            assertThat(kubernetes.args()).containsExactly(ZONE);
            assertThat(kubernetes.block()).extracting(Corefile.Directive::name).containsExactly("multicluster");
            assertThat(kubernetes.directive("multicluster").orElseThrow().args()).containsExactly(ZONE);
        });
        assertThat(block.directive("multicluster")).as("no external plugin in this mode").isEmpty();
        assertThat(block.directives()).extracting(Corefile.Directive::name)
                .containsExactly("errors", "kubernetes", "prometheus", "cache", "loadbalance");
        assertThat(block.directive("prometheus").orElseThrow().args()).containsExactly(":9153");
    }

    @Test
    void corefileBlockUsesTheExternalMulticlusterPluginWhenAskedTo() {
        ConfigMap configMap = coreDnsConfigMap(HelmChart.AGENT.render(with("dns.clusterset.plugin", "external")));
        Corefile.ServerBlock block = Corefile.parse(configMap.getData().get(BLOCK_KEY)).serverBlock(ZONE + ":53")
                .orElseThrow();

        assertThat(block.directive("multicluster")).hasValueSatisfying(multicluster -> {
            assertThat(multicluster.args()).containsExactly(ZONE);
            assertThat(multicluster.block()).isEmpty();
        });
        assertThat(block.directive("kubernetes")).isEmpty();
        assertThat(configMap.getMetadata().getAnnotations()).containsEntry("fedgate.io/coredns-plugin", "external");
    }

    @Test
    void zonePortMetricsAndConfigMapFollowTheValues() {
        Map<String, Object> gardener = new HashMap<>(ENABLED);
        gardener.put("dns.clusterset.zone", "mesh.example.org");
        gardener.put("dns.coredns.port", 8053);
        gardener.put("dns.coredns.metricsAddress", "");
        gardener.put("dns.coredns.namespace", "dns-system");
        gardener.put("dns.coredns.configMap.name", "coredns-custom");
        gardener.put("dns.coredns.configMap.key", "mesh.server");
        RenderedChart rendered = HelmChart.AGENT.render(gardener);
        ConfigMap configMap = coreDnsConfigMap(rendered);
        Corefile.ServerBlock block = Corefile.parse(configMap.getData().get("mesh.server")).serverBlocks().get(0);

        assertThat(configMap.getMetadata().getName()).isEqualTo("coredns-custom");
        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("dns-system");
        assertThat(block.keys()).containsExactly("mesh.example.org:8053");
        assertThat(block.directive("kubernetes").orElseThrow().args()).containsExactly("mesh.example.org");
        assertThat(block.directive("kubernetes").orElseThrow().directive("multicluster").orElseThrow().args())
                .containsExactly("mesh.example.org");
        assertThat(block.directive("prometheus")).as("metricsAddress empty").isEmpty();
        assertThat(coreDnsBinding(rendered).getSubjects().get(0).getNamespace()).isEqualTo("dns-system");
    }

    @Test
    void dnsObjectsCarryTheStandardLabels() {
        RenderedChart rendered = HelmChart.AGENT.render(ENABLED);
        List<HasMetadata> dnsObjects = List.of(coreDnsRole(rendered), coreDnsBinding(rendered), coreDnsConfigMap(rendered));

        assertThat(dnsObjects).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/part-of", "fedgate")
                .containsEntry("app.kubernetes.io/instance", "fedgate-agent")
                .containsKeys("app.kubernetes.io/name", "helm.sh/chart", "app.kubernetes.io/managed-by"));
    }

    @Test
    void badDnsValuesAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> HelmChart.AGENT.render(with("dns.clusterset.zone", "")))
                .hasMessageContaining("dns.clusterset.zone: required with dns.clusterset.enabled");
        assertThatThrownBy(() -> HelmChart.AGENT.render(with("dns.clusterset.zone", "Cluster_Set.local")))
                .hasMessageContaining("dns.clusterset.zone: \"Cluster_Set.local\" is not a DNS name");
        assertThatThrownBy(() -> HelmChart.AGENT.render(with("dns.clusterset.zone", "clusterset.local.")))
                .hasMessageContaining("no trailing dot");
        assertThatThrownBy(() -> HelmChart.AGENT.render(with("dns.clusterset.plugin", "kubernetai")))
                .hasMessageContaining("dns.clusterset.plugin: \"kubernetai\" must be kubernetes");
        assertThatThrownBy(() -> HelmChart.AGENT.render(with("dns.coredns.serviceAccount", "")))
                .hasMessageContaining("dns.coredns.serviceAccount: \"\" is not a ServiceAccount name");
        assertThatThrownBy(() -> HelmChart.AGENT.render(with("dns.coredns.namespace", "Kube System")))
                .hasMessageContaining("dns.coredns.namespace: \"Kube System\" is not a namespace name");
        assertThatThrownBy(() -> HelmChart.AGENT.render(with("dns.coredns.port", 70000)))
                .hasMessageContaining("dns.coredns.port: \"70000\" must be a port number");
        assertThatThrownBy(() -> HelmChart.AGENT.render(with("dns.coredns.configMap.key", "a/b")))
                .hasMessageContaining("dns.coredns.configMap.key: \"a/b\" is not a ConfigMap key");
    }

    @Test
    void badDnsValuesAreIgnoredWhileDnsIsOff() {
        assertThat(HelmChart.AGENT.render(Map.of("dns.clusterset.zone", "")).all(ConfigMap.class)).isEmpty();
    }

    @Test
    void installNotesSayWhereTheBlockIsAndWhatCoreDnsNeeds(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("dns.yaml"), "dns:\n  clusterset:\n    enabled: true\n");

        String output = HelmChart.AGENT.dryRunInstallOutput(values);
        String notes = output.substring(output.indexOf("NOTES:"));

        assertThat(notes).contains("kube-system/" + CORE_DNS_OBJECTS, BLOCK_KEY, "CoreDNS 1.12.2 or newer",
                        "{.data.fedgate-clusterset\\.server}", "rollout restart deployment/coredns")
                .doesNotContain("<no value>")
                .doesNotContainPattern("[ \\t]\\n");
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> sets = new HashMap<>(ENABLED);
        sets.put(key, value);
        return sets;
    }

    private static ClusterRole coreDnsRole(RenderedChart rendered) {
        return rendered.all(ClusterRole.class).stream().filter(r -> CORE_DNS_OBJECTS.equals(r.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no ClusterRole " + CORE_DNS_OBJECTS + " among "
                        + rendered.kinds()));
    }

    private static ClusterRole agentRole(RenderedChart rendered) {
        return rendered.all(ClusterRole.class).stream().filter(r -> "fedgate-agent".equals(r.getMetadata().getName()))
                .findFirst().orElseThrow();
    }

    private static ClusterRoleBinding coreDnsBinding(RenderedChart rendered) {
        return rendered.all(ClusterRoleBinding.class).stream()
                .filter(b -> CORE_DNS_OBJECTS.equals(b.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no ClusterRoleBinding " + CORE_DNS_OBJECTS + " among "
                        + rendered.kinds()));
    }

    private static ConfigMap coreDnsConfigMap(RenderedChart rendered) {
        return rendered.one(ConfigMap.class);
    }

    /** "group/resource" to verbs; fails when a rule grants on one resource twice, so each grant is visible once. */
    private static Map<String, Set<String>> readsByResource(ClusterRole role) {
        Map<String, Set<String>> reads = new TreeMap<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    Set<String> previous = reads.put(group + "/" + resource, new TreeSet<>(rule.getVerbs()));
                    assertThat(previous).as("%s/%s granted by two rules", group, resource).isNull();
                }
            }
        }
        return reads;
    }
}
