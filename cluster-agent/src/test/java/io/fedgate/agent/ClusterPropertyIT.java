package io.fedgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.testing.MockCluster;
import io.fedgate.agent.testing.RecordingHubLink;
import io.fedgate.agent.testing.RunningAgent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * KEP-2149's ClusterProperty ({@code about.k8s.io}) and the agent: the cluster id and cluster set are written
 * when absent, must agree when present, and are left alone where the CRD is not served.
 */
class ClusterPropertyIT {
    private static final ResourceDefinitionContext PROPERTIES = new ResourceDefinitionContext.Builder()
            .withGroup("about.k8s.io").withVersion("v1beta1").withKind("ClusterProperty")
            .withPlural("clusterproperties").withNamespaced(false).build();

    private final RecordingHubLink hub = new RecordingHubLink(true).withClusterSet("bank-prod");
    private final MockCluster cluster = new MockCluster("east").installMcsCrds();
    private RunningAgent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        cluster.close();
    }

    @Test
    void absentPropertiesAreWrittenWithTheClusterIdAndClusterSet() {
        cluster.installClusterPropertyCrd();

        start();

        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().health().ready());
        assertThat(value("cluster.clusterset.k8s.io")).isEqualTo("east");
        assertThat(value("clusterset.k8s.io")).isEqualTo("bank-prod");
        assertThat(agent.writes("ClusterProperty")).isEqualTo(2);
    }

    @Test
    void aPropertyThatNamesAnotherClusterKeepsTheAgentFromStartingAndSaysWhy() {
        cluster.installClusterPropertyCrd();
        property("cluster.clusterset.k8s.io", "east-old");

        start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(agent.agent().health().reasons())
                .containsExactly("ClusterProperty cluster.clusterset.k8s.io says the cluster id is \"east-old\", but "
                        + "this agent's is \"east\"; correct one of them"));
        assertThat(agent.agent().health().ready()).isFalse();
        assertThat(hub.sent()).as("nothing reported under a disputed name").isEmpty();
    }

    @Test
    void agreeingPropertiesAreReadAndNotRewritten() {
        cluster.installClusterPropertyCrd();
        property("cluster.clusterset.k8s.io", "east");
        property("clusterset.k8s.io", "bank-prod");

        start();

        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().health().ready());
        assertThat(agent.writes("ClusterProperty")).isZero();
    }

    @Test
    void withoutTheCrdNothingIsReadOrWritten() {
        start();

        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().health().ready());
        assertThat(agent.writes("ClusterProperty")).isZero();
    }

    private void start() {
        agent = new RunningAgent(cluster, RunningAgent.testConfig("east"), hub, AvailabilityZoneProgrammer.NONE);
    }

    private void property(String name, String value) {
        GenericKubernetesResource property = new GenericKubernetesResource();
        property.setApiVersion("about.k8s.io/v1beta1");
        property.setKind("ClusterProperty");
        property.setMetadata(new ObjectMetaBuilder().withName(name).build());
        property.setAdditionalProperty("spec", Map.of("value", value));
        cluster.client().genericKubernetesResources(PROPERTIES).resource(property).create();
    }

    private String value(String name) {
        GenericKubernetesResource property = cluster.client().genericKubernetesResources(PROPERTIES).withName(name).get();
        return property == null ? null : String.valueOf(((Map<?, ?>) property.getAdditionalProperties().get("spec"))
                .get("value"));
    }
}
