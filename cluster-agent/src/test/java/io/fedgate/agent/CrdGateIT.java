package io.fedgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.testing.MockCluster;
import io.fedgate.agent.testing.RecordingHubLink;
import io.fedgate.agent.testing.RunningAgent;
import java.time.Duration;
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
}
