package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.api.topology.TopologyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against simulated clusters: a real hub and, for east and west of
 * {@code three-cluster-active-active.yaml}, a {@link LocalCluster} (mock API server with API discovery) with its real
 * agent, each reached through the kubeconfig {@link LocalCluster#writeKubeconfig} writes, as the demo does.
 * Skipped when no kubectl is installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlAgainstSimulatedClusterIT {
    private static final Path TOPOLOGY = Path.of("..", "topology-examples", "three-cluster-active-active.yaml");
    private static final Duration CONVERGED = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;

    private Kubectl kubectl;
    private LocalHub hub;
    private final List<LocalCluster> clusters = new ArrayList<>();
    private LocalCluster east;
    private LocalCluster west;
    private String mcsVersion;

    @BeforeAll
    void federation() throws IOException {
        kubectl = Kubectl.find(workDir).orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed (neither /usr/bin/kubectl nor kubectl on PATH): "
                + "these tests drive the real binary");
        Topology topology = TopologyParser.parse(TOPOLOGY);
        hub = LocalHub.start(LocalHub.Settings.of(topology.clusterSet()).withLease(Duration.ofSeconds(4))
                .withPlanningDebounce(Duration.ofMillis(20)), workDir);
        int index = 1;
        for (TopologyCluster c : topology.clusters()) {
            if (!List.of("east", "west").contains(c.id())) {
                continue;
            }
            LocalCluster cluster = new LocalCluster(c, List.of("127.0.0." + index++),
                    workDir.resolve("certs").resolve(c.id()));
            clusters.add(cluster);
            cluster.seed().namespace("bank");
            cluster.writeKubeconfig(kubeconfig(cluster));
            AgentConfig config = cluster.agentConfig().withTimings(Duration.ofMillis(50), Duration.ofMillis(500),
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(200));
            cluster.startAgent(config, hub.urls(), hub, RotationPolicy.DEFAULT, AvailabilityZoneProgrammer.NONE);
        }
        east = clusters.get(0);
        west = clusters.get(1);
        await().atMost(CONVERGED).until(() -> clusters.stream()
                .allMatch(c -> c.agent().health().ready() && c.agent().hubConnected()));
        mcsVersion = east.client().apiextensions().v1().customResourceDefinitions()
                .withName("serviceexports.multicluster.x-k8s.io").get().getSpec().getVersions().stream()
                .filter(v -> Boolean.TRUE.equals(v.getStorage())).map(CustomResourceDefinitionVersion::getName)
                .findFirst().orElseThrow();
    }

    @AfterAll
    void stop() {
        clusters.forEach(LocalCluster::close);
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void apiResourcesListTheMcsKindsWithTheirShortNamesAndTheBuiltInKinds() {
        String resources = kubectl(east, "api-resources").assertSucceeded();

        assertThat(resources.lines()).anyMatch(line -> line.matches(
                "serviceexports\\s+svcex,svcexport\\s+multicluster\\.x-k8s\\.io/" + mcsVersion
                        + "\\s+true\\s+ServiceExport"));
        assertThat(resources.lines()).anyMatch(line -> line.matches(
                "serviceimports\\s+svcim,svcimport\\s+multicluster\\.x-k8s\\.io/" + mcsVersion
                        + "\\s+true\\s+ServiceImport"));
        assertThat(resources.lines()).anyMatch(line -> line.matches("services\\s+svc\\s+v1\\s+true\\s+Service"))
                .anyMatch(line -> line.matches("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace"))
                .anyMatch(line -> line.matches("endpointslices\\s+discovery\\.k8s\\.io/v1\\s+true\\s+EndpointSlice"))
                .anyMatch(line -> line.matches("subnets\\s+kubeovn\\.io/v1\\s+false\\s+Subnet"));
    }

    @Test
    void serviceAndServiceExportAppliedWithKubectlAreImportedIntoTheOtherCluster() throws IOException {
        Path manifest = manifest(east, "web", "10.16.9.5", 8443);

        String applied = kubectl(east, "apply", "-f", manifest.toString()).assertSucceeded();

        assertThat(applied).contains("service/web created", "endpointslice.discovery.k8s.io/web-1 created",
                "serviceexport.multicluster.x-k8s.io/web created");
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(kubectl(west, "get", "serviceimports", "-A")
                .assertSucceeded().lines()).anyMatch(line -> line.matches("bank\\s+web\\s+.*")));
        assertThat(kubectl(west, "get", "svcim", "-n", "bank", "web", "-o", "name").assertSucceeded().strip())
                .isEqualTo("serviceimport.multicluster.x-k8s.io/web");
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(kubectl(east, "get", "serviceexport", "web", "-n",
                "bank", "-o", "yaml").assertSucceeded())
                .contains("apiVersion: multicluster.x-k8s.io/" + mcsVersion, "kind: ServiceExport")
                .containsPattern("(?s)conditions:.*reason: Valid.*status: \"True\".*type: Valid"));
    }

    @Test
    void reapplyingLeavesUnchangedObjectsAloneAndPatchesChangedOnes() throws IOException {
        kubectl(east, "apply", "-f", manifest(east, "ledger", "10.16.9.6", 8443).toString()).assertSucceeded();

        String again = kubectl(east, "apply", "-f", manifest(east, "ledger", "10.16.9.6", 8443).toString())
                .assertSucceeded();
        String changed = kubectl(east, "apply", "-f", manifest(east, "ledger", "10.16.9.6", 9443).toString())
                .assertSucceeded();

        assertThat(again).contains("service/ledger unchanged", "serviceexport.multicluster.x-k8s.io/ledger unchanged");
        assertThat(changed).contains("service/ledger configured", "endpointslice.discovery.k8s.io/ledger-1 configured",
                "serviceexport.multicluster.x-k8s.io/ledger unchanged");
        assertThat(kubectl(east, "get", "service", "ledger", "-n", "bank", "-o",
                "jsonpath={.spec.ports[*].name}={.spec.ports[*].port} {.spec.clusterIP}").assertSucceeded())
                .isEqualTo("https=9443 " + clusterIp(east, "ledger"));
    }

    @Test
    void versionNamesTheSimulatedServer() {
        assertThat(kubectl(west, "version", "-o", "yaml").assertSucceeded())
                .contains("gitVersion: " + DiscoveryDispatcher.VERSION.get("gitVersion"));
    }

    // --- helpers

    /** A Service with one https port, its EndpointSlice and a ServiceExport of the stored CRD's storage version. */
    private Path manifest(LocalCluster cluster, String name, String endpoint, int port) throws IOException {
        Path file = workDir.resolve(name + ".yaml");
        Files.writeString(file, String.join("\n",
                "apiVersion: v1",
                "kind: Service",
                "metadata: {name: " + name + ", namespace: bank}",
                "spec:",
                "  type: ClusterIP",
                "  clusterIP: " + clusterIp(cluster, name),
                "  ports: [{name: https, port: " + port + ", protocol: TCP}]",
                "---",
                "apiVersion: discovery.k8s.io/v1",
                "kind: EndpointSlice",
                "metadata:",
                "  name: " + name + "-1",
                "  namespace: bank",
                "  labels: {kubernetes.io/service-name: " + name + "}",
                "addressType: IPv4",
                "ports: [{name: https, port: " + port + ", protocol: TCP}]",
                "endpoints: [{addresses: [\"" + endpoint + "\"], conditions: {ready: true}}]",
                "---",
                "apiVersion: multicluster.x-k8s.io/" + mcsVersion,
                "kind: ServiceExport",
                "metadata: {name: " + name + ", namespace: bank}",
                ""));
        return file;
    }

    private static String clusterIp(LocalCluster cluster, String service) {
        return cluster.topology().serviceCidrs().get(0).host(200 + service.length()).addressText();
    }

    private static Path kubeconfig(LocalCluster cluster) {
        return workDir.resolve(cluster.id() + ".kubeconfig");
    }

    private Kubectl.Result kubectl(LocalCluster cluster, String... args) {
        return kubectl.run(kubeconfig(cluster), args);
    }
}
