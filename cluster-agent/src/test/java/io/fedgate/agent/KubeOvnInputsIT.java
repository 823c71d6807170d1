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
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the agent reads from Kube-OVN's Subnets and Kubernetes' ServiceCIDRs, through its informers, against
 * fabric8's mock API server: the network of the first inventory it sends.
 */
class KubeOvnInputsIT {
    private final RecordingHubLink hub = new RecordingHubLink(true);
    private final MockCluster cluster = new MockCluster("east").installMcsCrds();
    private RunningAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        cluster.close();
    }

    @Test
    void subnetVpcInterconnectionAndPrivacyReachTheInventory() {
        cluster.installKubeOvnSubnetCrd();
        subnet("ovn-default", Map.of("cidrBlock", "10.16.0.0/16", "default", true, "vpc", "ovn-cluster"));
        subnet("join", Map.of("cidrBlock", "100.64.0.0/16", "vpc", "ovn-cluster"));
        subnet("tenant", Map.of("cidrBlock", "10.20.0.0/24", "vpc", "vpc-a"));
        subnet("isolated", Map.of("cidrBlock", "10.21.0.0/24", "disableInterConnection", true));
        subnet("payments", Map.of("cidrBlock", "10.22.0.0/24", "private", true,
                "allowSubnets", List.of("10.17.0.0/16")));

        ClusterNetwork network = firstInventory(RunningAgent.testConfig("east").withKubeOvn(true)).network();

        assertThat(network.podCidrs()).containsExactly(Cidr.parse("10.16.0.0/16"));
        assertThat(network.joinCidrs()).containsExactly(Cidr.parse("100.64.0.0/16"));
        assertThat(network.subnets()).containsExactly(
                new KubeOvnSubnet("isolated", List.of(Cidr.parse("10.21.0.0/24")), false, null, null, true, false,
                        List.of()),
                new KubeOvnSubnet("payments", List.of(Cidr.parse("10.22.0.0/24")), false, null, null, false, true,
                        List.of(Cidr.parse("10.17.0.0/16"))),
                new KubeOvnSubnet("tenant", List.of(Cidr.parse("10.20.0.0/24")), false, null, "vpc-a", false, false,
                        List.of()));
    }

    @Test
    void serviceRangeComesFromServiceCidrObjectsInV1() {
        cluster.serveServiceCidrs("v1");
        serviceCidr("v1", "kubernetes", List.of("10.96.0.0/16", "fd00:10:96::/112"));
        serviceCidr("v1", "extra", List.of("10.97.0.0/24"));

        assertThat(firstInventory(withConfiguredRange()).network().serviceCidrs()).containsExactly(
                Cidr.parse("10.96.0.0/16"), Cidr.parse("10.97.0.0/24"), Cidr.parse("fd00:10:96::/112"));
    }

    @Test
    void serviceRangeComesFromServiceCidrObjectsInV1beta1() {
        cluster.serveServiceCidrs("v1beta1");
        serviceCidr("v1beta1", "kubernetes", List.of("10.98.0.0/16"));

        assertThat(firstInventory(withConfiguredRange()).network().serviceCidrs())
                .containsExactly(Cidr.parse("10.98.0.0/16"));
    }

    @Test
    void withoutServiceCidrsServedTheConfiguredRangeIsReported() {
        assertThat(firstInventory(withConfiguredRange()).network().serviceCidrs())
                .containsExactly(Cidr.parse("10.200.0.0/16"));
    }

    private static AgentConfig withConfiguredRange() {
        return RunningAgent.testConfig("east").withServiceCidrs(List.of(Cidr.parse("10.200.0.0/16")));
    }

    private ClusterInventory firstInventory(AgentConfig config) {
        agent = new RunningAgent(cluster, config, hub, AvailabilityZoneProgrammer.NONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.sent().stream().anyMatch(ClusterInventory.class::isInstance));
        return hub.sent().stream().filter(ClusterInventory.class::isInstance).map(ClusterInventory.class::cast)
                .findFirst().orElseThrow();
    }

    private void subnet(String name, Map<String, Object> spec) {
        create(new ResourceDefinitionContext.Builder().withGroup("kubeovn.io").withVersion("v1").withKind("Subnet")
                .withPlural("subnets").withNamespaced(false).build(), "kubeovn.io/v1", "Subnet", name, spec);
    }

    private void serviceCidr(String version, String name, List<String> cidrs) {
        create(new ResourceDefinitionContext.Builder().withGroup("networking.k8s.io").withVersion(version)
                .withKind("ServiceCIDR").withPlural("servicecidrs").withNamespaced(false).build(),
                "networking.k8s.io/" + version, "ServiceCIDR", name, Map.of("cidrs", cidrs));
    }

    private void create(ResourceDefinitionContext context, String apiVersion, String kind, String name,
                        Map<String, Object> spec) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(apiVersion);
        object.setKind(kind);
        object.setMetadata(new ObjectMetaBuilder().withName(name).build());
        object.setAdditionalProperty("spec", spec);
        cluster.client().genericKubernetesResources(context).resource(object).create();
    }
}
