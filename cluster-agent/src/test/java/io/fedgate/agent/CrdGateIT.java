package io.fedgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.agent.testing.MockCluster;
import io.fedgate.agent.testing.RecordingHubLink;
import io.fedgate.agent.testing.RunningAgent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent and the MCS CRDs: it waits for them, says which are missing, or installs them when allowed. */
class CrdGateIT {
    private final RecordingHubLink hub = new RecordingHubLink(true);
    private final MockCluster cluster = new MockCluster("east");
    private RunningAgent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        cluster.close();
    }

    @Test
    void withoutTheCrdsTheAgentSaysWhichAreMissingAndStartsOnceTheyAppear() {
        agent = new RunningAgent(cluster, RunningAgent.testConfig("east"), hub,
                AvailabilityZoneProgrammer.NONE);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(agent.agent().health().reasons())
                .containsExactly("MCS CRDs not served: serviceexports.multicluster.x-k8s.io, "
                        + "serviceimports.multicluster.x-k8s.io"));
        assertThat(agent.agent().health().ready()).isFalse();
        assertThat(agent.agent().health().live()).isTrue();
        assertThat(hub.sent()).as("nothing reported before the CRDs exist").isEmpty();

        cluster.installMcsCrds();

        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().health().ready());
        // readiness comes with the synced caches; the first snapshot follows after the inventory debounce
        await().atMost(Duration.ofSeconds(10)).until(() -> !hub.sent().isEmpty());
        assertThat(agent.writes("CustomResourceDefinition")).isZero();
    }

    @Test
    void withInstallCrdsTheAgentInstallsTheChartsCrds() {
        agent = new RunningAgent(cluster, RunningAgent.testConfig("east").withInstallCrds(true), hub,
                AvailabilityZoneProgrammer.NONE);

        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().health().ready());

        assertThat(agent.writes("CustomResourceDefinition")).isEqualTo(2);
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().list().getItems())
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrder("serviceexports.multicluster.x-k8s.io", "serviceimports.multicluster.x-k8s.io");
        CustomResourceDefinition imports = cluster.client().apiextensions().v1().customResourceDefinitions()
                .withName("serviceimports.multicluster.x-k8s.io").get();
        assertThat(imports.getMetadata().getLabels()).as("the chart's own manifest")
                .containsEntry("app.kubernetes.io/part-of", "fedgate");
    }

    @Test
    void withTheCurrentCrdsTheAgentSpeaksV1beta1() {
        cluster.installMcsCrds();
        startAndImportOne();

        await().atMost(Duration.ofSeconds(10)).until(() -> importIn("v1beta1") != null);
        assertThat(importIn("v1alpha1")).as("written once, in the version chosen").isNull();
    }

    @Test
    void withCrdsFromBeforeMcsApiV050TheAgentSpeaksV1alpha1() {
        cluster.installPreviousMcsCrds();
        startAndImportOne();

        await().atMost(Duration.ofSeconds(10)).until(() -> importIn("v1alpha1") != null);
    }

    /** Starts the agent and, once it is ready, gives it a plan with one import into an existing namespace. */
    private void startAndImportOne() {
        agent = new RunningAgent(cluster, RunningAgent.testConfig("east"), hub, AvailabilityZoneProgrammer.NONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().health().ready());
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bank").endMetadata()
                .build()).create();
        hub.publish(oneImport());
    }

    /** A plan for east importing bank/web from west over the direct path. */
    private static ClusterPlan oneImport() {
        ServiceImport web = new ServiceImport(new ServiceKey("bank", "web"), ImportType.CLUSTER_SET_IP, null,
                List.of(ServicePort.tcp("https", 443)), null, List.of(new ClusterEndpoints("west", null, null,
                DataPath.DIRECT, 100, 0, ClusterHealth.HEALTHY, List.of(Endpoint.ready("10.17.0.5")))));
        return new ClusterPlan("east", 1, List.of(web), List.of(), null, List.of());
    }

    private GenericKubernetesResource importIn(String version) {
        try {
            return cluster.client().genericKubernetesResources("multicluster.x-k8s.io/" + version, "ServiceImport")
                    .inNamespace("bank").withName("web").get();
        } catch (KubernetesClientException e) {
            return null;
        }
    }
}
