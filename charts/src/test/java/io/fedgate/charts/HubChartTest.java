package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubChartTest {

    private final RenderedChart hub = HelmChart.HUB.render();

    @Test
    void threeMembersSpreadAcrossNodesByRequiredAntiAffinity() {
        StatefulSet members = hub.one(StatefulSet.class);
        PodAffinityTerm term = members.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().get(0);

        assertThat(members.getSpec().getReplicas()).isEqualTo(3);
        assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(members.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(term.getLabelSelector().getMatchLabels());
    }

    @Test
    void softAntiAffinityIsOnlyAPreference() {
        StatefulSet members = HelmChart.HUB.render(Map.of("antiAffinity", "soft")).one(StatefulSet.class);
        var antiAffinity = members.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();

        assertThat(antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution()).isEmpty();
        assertThat(antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
    }

    @Test
    void disruptionBudgetLetsOneMemberGoAtATime() {
        PodDisruptionBudget budget = hub.one(PodDisruptionBudget.class);

        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(hub.one(StatefulSet.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void hazelcastFindsItsMembersThroughTheHeadlessServiceDns() {
        StatefulSet members = hub.one(StatefulSet.class);
        Service headless = service("members");
        JsonNode kubernetesJoin = hazelcastConfig().path("hazelcast").path("network").path("join");

        assertThat(members.getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).as("members find each other before ready")
                .isTrue();
        assertThat(members.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(headless.getSpec().getSelector());
        assertThat(kubernetesJoin.path("kubernetes").path("enabled").asBoolean()).isTrue();
        assertThat(kubernetesJoin.path("kubernetes").path("service-dns").asText())
                .isEqualTo(headless.getMetadata().getName() + "." + HelmChart.NAMESPACE + ".svc.cluster.local");
        assertThat(kubernetesJoin.path("multicast").path("enabled").asBoolean()).isFalse();
        assertThat(headless.getSpec().getPorts()).anyMatch(p -> p.getPort() == 5701);
    }

    @Test
    void configMapIsMountedWhereTheHubReadsItsConfigFile() {
        Container container = hub.container();
        ConfigMap config = hub.one(ConfigMap.class);
        JsonNode hubConfig = hubConfig(hub);

        assertThat(container.getArgs()).contains("hub", "--config=/etc/fedgate/hub.yaml");
        assertThat(container.getVolumeMounts()).anyMatch(m -> "/etc/fedgate".equals(m.getMountPath())
                && "config".equals(m.getName()));
        assertThat(hub.one(StatefulSet.class).getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> "config".equals(v.getName()) && v.getConfigMap() != null
                        && config.getMetadata().getName().equals(v.getConfigMap().getName()));
        assertThat(hubConfig.path("hazelcastConfig").asText()).isEqualTo("/etc/fedgate/hazelcast.yaml");
        assertThat(hubConfig.path("clusterSet").asText()).isEqualTo("fedgate");
    }

    @Test
    void eachMemberPersistsCaTokensAllocationsAndAuditOnItsOwnClaim() {
        StatefulSet members = hub.one(StatefulSet.class);
        JsonNode hubConfig = hubConfig(hub);

        assertThat(members.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("data");
            assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
            assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");
        });
        assertThat(hub.container().getVolumeMounts())
                .anyMatch(m -> "data".equals(m.getName()) && "/var/lib/fedgate".equals(m.getMountPath()));
        assertThat(hubConfig.path("dataDir").asText()).isEqualTo("/var/lib/fedgate");
        assertThat(hubConfig.path("audit").path("path").asText()).startsWith("/var/lib/fedgate/");
    }

    @Test
    void withoutPersistenceTheDataVolumeIsAnEmptyDir() {
        StatefulSet members = HelmChart.HUB.render(Map.of("persistence.enabled", false)).one(StatefulSet.class);

        assertThat(members.getSpec().getVolumeClaimTemplates()).isEmpty();
        assertThat(members.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> "data".equals(v.getName()) && v.getEmptyDir() != null);
    }

    @Test
    void apiServiceForwards443ToTheHubsApiPort() {
        Service api = service("api");
        int apiPort = hub.container().getPorts().stream().filter(p -> "api".equals(p.getName())).findFirst()
                .orElseThrow().getContainerPort();

        assertThat(api.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(api.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(443);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("api");
        });
        assertThat(apiPort).isEqualTo(8443);
    }

    @Test
    void exampleExposesTheApiThroughALoadBalancerWithItsNameInTheCertificate() {
        RenderedChart example = HelmChart.HUB.renderExample();
        JsonNode hubConfig = hubConfig(example);
        Service api = example.all(Service.class).stream()
                .filter(s -> "api".equals(s.getMetadata().getLabels().get("fedgate.io/service-role")))
                .findFirst().orElseThrow();

        assertThat(api.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(api.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8");
        assertThat(hubConfig.path("api").path("advertisedAddresses").toString())
                .contains("fedgate-hub.prod.example.com", "fedgate-hub.fedgate-system.svc");
        assertThat(hubConfig.path("ca").path("certFile").asText()).isEqualTo("/var/run/fedgate/ca/tls.crt");
        assertThat(example.container().getVolumeMounts())
                .anyMatch(m -> "/var/run/fedgate/ca".equals(m.getMountPath()) && Boolean.TRUE.equals(m.getReadOnly()));
    }

    @Test
    void gracePeriodCoversHazelcastsGracefulShutdown() {
        StatefulSet members = hub.one(StatefulSet.class);
        JsonNode properties = hazelcastConfig().path("hazelcast").path("properties");

        assertThat(properties.path("hazelcast.shutdownhook.policy").asText()).isEqualTo("GRACEFUL");
        assertThat(members.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThan(properties.path("hazelcast.graceful.shutdown.max.wait").asLong());
    }

    @Test
    void ctlInsideAMemberReachesItsApiAsTheAdminTheMemberWrites() {
        Container container = hub.container();
        JsonNode hubConfig = hubConfig(hub);

        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("FEDGATE_HUB");
            assertThat(env.getValue()).isEqualTo("https://localhost:" + hubConfig.path("api").path("port").asInt());
        });
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("FEDGATE_CERT_DIR");
            assertThat(env.getValue()).isEqualTo(hubConfig.path("dataDir").asText() + "/admin");
        });
    }

    @Test
    void managementPortBindsThePodAddressNotEveryInterface() {
        Container container = hub.container();

        assertThat(container.getArgs()).contains("--management-host=$(POD_IP)");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("POD_IP");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        });
        assertThat(hubConfig(hub).path("management").has("host")).as("the flag decides, not the config file").isFalse();
        assertThat(container.getArgs()).noneMatch(arg -> arg.contains("0.0.0.0"));
    }

    @Test
    void managementPortBindsEveryInterfaceOnlyWhenConfigured() {
        Container container = HelmChart.HUB.render(Map.of("metrics.bindAddress", "0.0.0.0")).container();

        assertThat(container.getArgs()).contains("--management-host=0.0.0.0")
                .doesNotContain("--management-host=$(POD_IP)");
    }

    @Test
    void hubNeverGetsAKubernetesApiToken() {
        assertThat(hub.one(StatefulSet.class).getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
                .isFalse();
    }

    @Test
    void budgetThatProtectsNothingIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> HelmChart.HUB.render(Map.of("pdb.maxUnavailable", 3)))
                .hasMessageContaining("pdb.maxUnavailable: 3 must be below replicas (3)");
        assertThatThrownBy(() -> HelmChart.HUB.render(Map.of("antiAffinity", "sometimes")))
                .hasMessageContaining("antiAffinity: \"sometimes\" must be one of hard, soft, none");
    }

    private Service service(String role) {
        return hub.all(Service.class).stream()
                .filter(s -> role.equals(s.getMetadata().getLabels().get("fedgate.io/service-role")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + role + " Service among " + hub.kinds()));
    }

    private JsonNode hazelcastConfig() {
        return Documents.yaml("hazelcast.yaml", hub.one(ConfigMap.class).getData().get("hazelcast.yaml"));
    }

    private static JsonNode hubConfig(RenderedChart rendered) {
        return Documents.yaml("hub.yaml", rendered.one(ConfigMap.class).getData().get("hub.yaml"));
    }


    @Test
    void hazelcastPortIsReachableOnlyFromTheReleasesHubMembers() {
        NetworkPolicy policy = hub.one(NetworkPolicy.class);
        Map<String, String> members = hub.one(StatefulSet.class).getSpec().getTemplate().getMetadata().getLabels();

        assertThat(members).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        List<NetworkPolicyIngressRule> hazelcast = rulesFor(policy, 5701);
        assertThat(hazelcast).singleElement().satisfies(rule -> assertThat(rule.getFrom()).singleElement()
                .satisfies(peer -> {
                    assertThat(peer.getNamespaceSelector()).as("this namespace only").isNull();
                    assertThat(peer.getPodSelector().getMatchLabels())
                            .isEqualTo(policy.getSpec().getPodSelector().getMatchLabels());
                }));
        assertThat(rulesFor(policy, 8443)).as("agents of every cluster dial the API")
                .singleElement().satisfies(rule -> assertThat(rule.getFrom()).isEmpty());
        assertThat(rulesFor(policy, 9090)).singleElement().satisfies(rule -> assertThat(rule.getFrom()).isEmpty());
    }

    @Test
    void managementPortCanBeNarrowedToPrometheusAndThePolicySwitchedOff() {
        NetworkPolicy narrowed = HelmChart.HUB.render(Map.of(
                "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.team", "monitoring")).one(NetworkPolicy.class);

        assertThat(rulesFor(narrowed, 9090)).singleElement().satisfies(rule -> assertThat(rule.getFrom())
                .singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsEntry("team", "monitoring")));
        assertThat(HelmChart.HUB.render(Map.of("networkPolicy.enabled", false)).all(NetworkPolicy.class)).isEmpty();
    }

    private static List<NetworkPolicyIngressRule> rulesFor(NetworkPolicy policy, int port) {
        return policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == port)).toList();
    }
}
