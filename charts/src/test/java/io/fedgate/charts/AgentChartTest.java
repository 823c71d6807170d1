package io.fedgate.charts;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentChartTest {

    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final String MCS_GROUP = "multicluster.x-k8s.io";

    private final RenderedChart agent = HelmChart.AGENT.render();

    @Test
    void rbacHasNoWildcards() {
        assertThat(rules(HelmChart.AGENT.render(Map.of("crds.install", true)))).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getVerbs()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*").noneMatch(r -> r.endsWith("/*"));
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResourceNames()).doesNotContain("*");
            assertThat(rule.getNonResourceURLs()).isEmpty();
        });
    }

    @Test
    void agentCannotReadSecretsOrPodsAnywhere() {
        assertThat(rules(HelmChart.AGENT.render(Map.of("crds.install", true))))
                .allSatisfy(rule -> assertThat(rule.getResources()).doesNotContain("secrets", "pods"));
    }

    @Test
    void writesOnlyWhatItDerivesFromImportsTheExportConditionsAndTheClusterIdentity() {
        Set<String> written = new TreeSet<>();
        for (PolicyRule rule : agent.one(ClusterRole.class).getRules()) {
            if (rule.getVerbs().stream().anyMatch(WRITE_VERBS::contains)) {
                rule.getApiGroups().forEach(group -> rule.getResources().forEach(r -> written.add(group + "/" + r)));
            }
        }

        assertThat(written).containsExactlyInAnyOrder("/services", "discovery.k8s.io/endpointslices",
                MCS_GROUP + "/serviceimports", MCS_GROUP + "/serviceimports/status", MCS_GROUP + "/serviceexports/status",
                "about.k8s.io/clusterproperties");
        assertThat(agent.one(ClusterRole.class).getRules()).filteredOn(r -> r.getResources().contains("clusterproperties"))
                .as("KEP-2149 properties: read by name, created when absent, never changed or deleted")
                .extracting(PolicyRule::getVerbs).containsExactlyInAnyOrder(List.of("get"), List.of("create"));
        assertThat(verbs(agent.one(ClusterRole.class), MCS_GROUP, "serviceexports"))
                .as("exports are the user's: read only").containsExactlyInAnyOrder("get", "list", "watch");
    }

    @Test
    void readsTheInventoryItReports() {
        ClusterRole role = agent.one(ClusterRole.class);

        for (String resource : List.of("services", "namespaces", "nodes")) {
            assertThat(verbs(role, "", resource)).as(resource).contains("get", "list", "watch");
        }
        assertThat(verbs(role, "discovery.k8s.io", "endpointslices")).contains("get", "list", "watch");
        assertThat(verbs(role, MCS_GROUP, "serviceexports")).contains("get", "list", "watch");
        assertThat(verbs(role, "kubeovn.io", "subnets")).containsExactlyInAnyOrder("get", "list", "watch");
    }

    @Test
    void ovnIcConfigAndTheIcControllerDeploymentAreReadableByNameInKubeSystemOnly() {
        Role role = agent.one(Role.class);
        RoleBinding binding = agent.one(RoleBinding.class);

        assertThat(role.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(role.getRules()).hasSize(2);
        assertThat(role.getRules().get(0)).satisfies(rule -> {
            assertThat(rule.getResources()).containsExactly("configmaps");
            assertThat(rule.getResourceNames()).containsExactly("ovn-ic-config");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        });
        assertThat(role.getRules().get(1)).satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("apps");
            assertThat(rule.getResources()).containsExactly("deployments");
            assertThat(rule.getResourceNames()).containsExactly("ovn-ic-controller");
            assertThat(rule.getVerbs()).containsExactly("get");
        });
        assertThat(binding.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(agent.one(ClusterRole.class).getRules())
                .noneMatch(rule -> rule.getResources().contains("configmaps"));
    }

    @Test
    void withoutKubeOvnNeitherSubnetsNorTheKubeSystemRole() {
        RenderedChart plain = HelmChart.AGENT.render(Map.of("kubeOvn.enabled", false));

        assertThat(plain.all(Role.class)).isEmpty();
        assertThat(plain.all(RoleBinding.class)).isEmpty();
        assertThat(plain.one(ClusterRole.class).getRules()).noneMatch(rule -> rule.getApiGroups().contains("kubeovn.io"));
        assertThat(plain.container().getArgs()).contains("--kube-ovn=false").noneMatch(a -> a.startsWith("--ovn-nb"));
    }

    @Test
    void kubeOvnOwnsInterconnectionUnlessTheModeSaysFedgate() {
        assertThat(agent.container().getArgs()).contains("--interconnect-mode=kube-ovn");
        assertThat(HelmChart.AGENT.render(Map.of("interconnect.mode", "fedgate")).container().getArgs())
                .contains("--interconnect-mode=fedgate");
        assertThat(HelmChart.AGENT.render(Map.of("kubeOvn.enabled", false)).container().getArgs())
                .noneMatch(a -> a.startsWith("--interconnect-mode"));
    }

    @Test
    void theAgentObservesInterconnectionThroughTheSouthboundAtTheConfiguredInterval() {
        assertThat(agent.container().getArgs()).contains("--ovn-sb=tcp:ovn-sb.kube-system.svc:6642",
                "--interconnect-observe-interval=2s");
        assertThat(HelmChart.AGENT.render(Map.of("kubeOvn.sbAddress", "", "interconnect.observeInterval", "500ms"))
                .container().getArgs()).contains("--interconnect-observe-interval=500ms")
                .noneMatch(a -> a.startsWith("--ovn-sb"));
        assertThat(HelmChart.AGENT.render(Map.of("kubeOvn.enabled", false)).container().getArgs())
                .noneMatch(a -> a.startsWith("--ovn-sb") || a.startsWith("--interconnect-observe"));
    }

    @Test
    void crdAccessOnlyWhenTheAgentInstallsThem() {
        assertThat(agent.one(ClusterRole.class).getRules())
                .noneMatch(rule -> rule.getApiGroups().contains("apiextensions.k8s.io"));

        RenderedChart installing = HelmChart.AGENT.render(Map.of("crds.install", true));
        List<PolicyRule> crdRules = installing.one(ClusterRole.class).getRules().stream()
                .filter(rule -> rule.getApiGroups().contains("apiextensions.k8s.io")).toList();

        assertThat(crdRules).flatExtracting(PolicyRule::getVerbs).containsExactlyInAnyOrder("get", "create");
        assertThat(crdRules).filteredOn(rule -> rule.getVerbs().contains("get")).singleElement()
                .satisfies(rule -> assertThat(rule.getResourceNames()).containsExactlyInAnyOrder(
                        "serviceexports.multicluster.x-k8s.io", "serviceimports.multicluster.x-k8s.io"));
        assertThat(installing.container().getArgs()).contains("--install-crds");
    }

    @Test
    void bindingGrantsTheClusterRoleToTheAgentsServiceAccount() {
        ClusterRoleBinding binding = agent.one(ClusterRoleBinding.class);
        Deployment deployment = agent.one(Deployment.class);

        assertThat(binding.getRoleRef().getName()).isEqualTo(agent.one(ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
            assertThat(subject.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
        });
    }

    @Test
    void mcsCrdsShipInTheChartsCrdsFolder() throws IOException {
        List<CustomResourceDefinition> crds = crds();

        assertThat(crds).extracting(crd -> crd.getSpec().getNames().getKind())
                .containsExactlyInAnyOrder("ServiceExport", "ServiceImport");
        assertThat(crds).allSatisfy(crd -> {
            assertThat(crd.getSpec().getGroup()).isEqualTo(MCS_GROUP);
            assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
            assertThat(crd.getMetadata().getName())
                    .isEqualTo(crd.getSpec().getNames().getPlural() + "." + MCS_GROUP);
            // what the agent's --install-crds parses these files with; versions and fields are McsCrdsTest's
            assertThat(crd.getSpec().getVersions()).filteredOn(CustomResourceDefinitionVersion::getStorage)
                    .singleElement().extracting(CustomResourceDefinitionVersion::getName).isEqualTo("v1beta1");
            assertThat(crd.getSpec().getVersions()).allSatisfy(version -> assertThat(
                    version.getSubresources().getStatus()).as(version.getName() + " status subresource").isNotNull());
            assertThat(verbs(agent.one(ClusterRole.class), MCS_GROUP, crd.getSpec().getNames().getPlural()))
                    .as("the agent's rules name the CRD's plural").isNotEmpty();
        });
    }

    @Test
    void agentRunsOnceWithHubClusterIdTokenFileAndCertDir() {
        RenderedChart joined = HelmChart.AGENT.render(Map.of("clusterId", "east", "joinToken.existingSecret", "join-east",
                "hub.address", "https://hub.example.com:443"));
        Deployment deployment = joined.one(Deployment.class);
        Container container = joined.container();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).as("never two agents writing").isEqualTo("Recreate");
        assertThat(joined.argument("--hub")).hasValue("https://hub.example.com:443");
        assertThat(joined.argument("--cluster-id")).hasValue("east");
        assertThat(joined.argument("--token-file")).hasValue("/var/run/fedgate/join/token");
        assertThat(joined.argument("--cert-dir")).hasValue("/var/lib/fedgate/identity");
        assertThat(joined.argument("--field-manager")).hasValue("fedgate");
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> "join".equals(v.getName()) && "join-east".equals(v.getSecret().getSecretName()))
                .anyMatch(v -> "identity".equals(v.getName()) && v.getPersistentVolumeClaim() != null);
        assertThat(container.getVolumeMounts())
                .anyMatch(m -> "/var/run/fedgate/join".equals(m.getMountPath()) && m.getReadOnly())
                .anyMatch(m -> "/var/lib/fedgate/identity".equals(m.getMountPath()));
    }

    @Test
    void tokenGivenAsValueBecomesASecretAndNeverAnArgument() {
        RenderedChart joined = HelmChart.AGENT.render(Map.of("joinToken.token", "s3cr3t-token",
                "joinToken.hubCA", "-----BEGIN CERTIFICATE-----"));

        assertThat(joined.one(Secret.class).getStringData())
                .containsEntry("token", "s3cr3t-token").containsKey("ca.crt");
        assertThat(joined.container().getArgs()).noneMatch(a -> a.contains("s3cr3t-token"));
        assertThat(joined.container().getEnv()).noneMatch(e -> "s3cr3t-token".equals(e.getValue()));
    }

    @Test
    void defaultsPointAtTheHubAndGatewayReleasesOfTheReadme() {
        Service hubApi = HelmChart.HUB.render().all(Service.class).stream()
                .filter(s -> "api".equals(s.getMetadata().getLabels().get("fedgate.io/service-role"))).findFirst()
                .orElseThrow();
        Service gatewayTunnel = HelmChart.GATEWAY.render().all(Service.class).stream()
                .filter(s -> "tunnel".equals(s.getMetadata().getLabels().get("fedgate.io/service-role"))).findFirst()
                .orElseThrow();

        assertThat(agent.argument("--hub")).hasValue("https://" + hubApi.getMetadata().getName() + "."
                + hubApi.getMetadata().getNamespace() + ".svc:" + hubApi.getSpec().getPorts().get(0).getPort());
        assertThat(agent.argument("--gateway-service"))
                .hasValue(gatewayTunnel.getMetadata().getNamespace() + "/" + gatewayTunnel.getMetadata().getName());
    }

    @Test
    void kubeOvnNamesDefaultToKubeOvnsAndNoTlsFilesAreMounted() {
        assertThat(agent.argument("--ovn-cluster-router")).hasValue("ovn-cluster");
        assertThat(agent.argument("--ovn-join-subnet")).hasValue("join");
        assertThat(agent.container().getArgs()).noneMatch(a -> a.startsWith("--ovn-private-key") || a.equals("--ovn-ic-ssl")
                || a.startsWith("--service-cidr"));
        assertThat(agent.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> "ovn-tls".equals(v.getName()));
    }

    @Test
    void ovnTlsSecretWithKubeOvnsKeysIsMountedAndPassedAsFiles() {
        RenderedChart ssl = HelmChart.AGENT.render(Map.of("kubeOvn.nbAddress", "ssl:ovn-nb.kube-system.svc:6641",
                "kubeOvn.tls.secretName", "kube-ovn-tls", "kubeOvn.tls.icDatabases", true,
                "kubeOvn.clusterRouter", "my-router", "kubeOvn.joinSubnet", "nodes"));

        assertThat(ssl.argument("--ovn-nb")).hasValue("ssl:ovn-nb.kube-system.svc:6641");
        assertThat(ssl.argument("--ovn-private-key")).hasValue("/var/run/fedgate/ovn-tls/key");
        assertThat(ssl.argument("--ovn-certificate")).hasValue("/var/run/fedgate/ovn-tls/cert");
        assertThat(ssl.argument("--ovn-ca-cert")).hasValue("/var/run/fedgate/ovn-tls/cacert");
        assertThat(ssl.container().getArgs()).contains("--ovn-ic-ssl");
        assertThat(ssl.argument("--ovn-cluster-router")).hasValue("my-router");
        assertThat(ssl.argument("--ovn-join-subnet")).hasValue("nodes");
        assertThat(ssl.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> "ovn-tls".equals(v.getName()) && "kube-ovn-tls".equals(v.getSecret().getSecretName()));
        assertThat(ssl.container().getVolumeMounts())
                .anyMatch(m -> "/var/run/fedgate/ovn-tls".equals(m.getMountPath()) && m.getReadOnly());
    }

    @Test
    void serviceCidrsAreReadFromTheClusterAndTheValueIsTheFallback() {
        RenderedChart ranges = HelmChart.AGENT.render(Map.of("serviceCidrs[0]", "10.96.0.0/12",
                "serviceCidrs[1]", "fd00:10:96::/108"));

        assertThat(ranges.container().getArgs()).filteredOn(a -> a.startsWith("--service-cidr="))
                .containsExactly("--service-cidr=10.96.0.0/12", "--service-cidr=fd00:10:96::/108");
        assertThat(verbs(agent.one(ClusterRole.class), "networking.k8s.io", "servicecidrs"))
                .containsExactlyInAnyOrder("get", "list", "watch");
    }

    @Test
    void badValuesAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> HelmChart.AGENT.render(Map.of("clusterId", "East_1")))
                .hasMessageContaining("clusterId: \"East_1\" is not an RFC 1123 DNS label");
        assertThatThrownBy(() -> HelmChart.AGENT.render(Map.of("hub.address", "http://hub:80")))
                .hasMessageContaining("hub.address: \"http://hub:80\" must be an https:// URL");
        assertThatThrownBy(() -> HelmChart.AGENT.render(Map.of("joinToken.token", "t")))
                .hasMessageContaining("joinToken.hubCA: required with joinToken.token");
        assertThatThrownBy(() -> HelmChart.AGENT.render(Map.of("kubeOvn.nbAddress", "ssl:ovn-nb:6641")))
                .hasMessageContaining("kubeOvn.tls.secretName: required for ssl: OVN databases (nbAddress \"ssl:ovn-nb:6641\"");
        assertThatThrownBy(() -> HelmChart.AGENT.render(Map.of("kubeOvn.tls.icDatabases", true)))
                .hasMessageContaining("kubeOvn.tls.secretName: required for ssl: OVN databases");
    }

    private static List<PolicyRule> rules(RenderedChart rendered) {
        return Stream.concat(rendered.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
                rendered.all(Role.class).stream().flatMap(r -> r.getRules().stream())).toList();
    }

    private static Set<String> verbs(ClusterRole role, String group, String resource) {
        Set<String> verbs = new TreeSet<>();
        role.getRules().stream()
                .filter(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource))
                .forEach(rule -> verbs.addAll(rule.getVerbs()));
        return verbs;
    }

    private static List<CustomResourceDefinition> crds() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try (Stream<Path> files = Files.list(HelmChart.AGENT.directory().resolve("crds"))) {
            return files.sorted().map(file -> {
                HasMetadata parsed = serialization.unmarshal(readString(file));
                assertThat(parsed).as(file.toString()).isInstanceOf(CustomResourceDefinition.class);
                return (CustomResourceDefinition) parsed;
            }).toList();
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
