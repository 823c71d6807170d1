package io.fedgate.charts;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayChartTest {

    private final RenderedChart gateway = HelmChart.GATEWAY.render();

    @Test
    void twoGatewaysOnLabelledNodesSpreadByRequiredAntiAffinity() {
        Deployment deployment = gateway.one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        var term = pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().get(0);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("fedgate.io/gateway", "true"));
        assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(term.getLabelSelector().getMatchLabels());
    }

    @Test
    void rollingUpdateNeverNeedsAnExtraLabelledNode() {
        var rollingUpdate = gateway.one(Deployment.class).getSpec().getStrategy().getRollingUpdate();

        assertThat(rollingUpdate.getMaxSurge().getIntVal()).isZero();
        assertThat(rollingUpdate.getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void disruptionBudgetKeepsOneGatewayServing() {
        PodDisruptionBudget budget = gateway.one(PodDisruptionBudget.class);

        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(gateway.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void preStopSleepsThenTheGracePeriodCoversTheDrainDeadline() {
        assertDrainFits(gateway, 5, 30);
        assertDrainFits(HelmChart.GATEWAY.renderExample(), 10, 120);
    }

    @Test
    void gracePeriodShorterThanTheDrainIsRejectedNamingTheValues() {
        assertThatThrownBy(() -> HelmChart.GATEWAY.render(Map.of("terminationGracePeriodSeconds", 30)))
                .hasMessageContaining("terminationGracePeriodSeconds: 30 must exceed drain.preStopSleepSeconds "
                        + "+ drain.deadlineSeconds (35)");
    }

    @Test
    void daemonSetFormRunsOnEveryLabelledNodeWithTheSameDrain() {
        RenderedChart daemons = HelmChart.GATEWAY.render(Map.of("kind", "DaemonSet"));
        DaemonSet daemonSet = daemons.one(DaemonSet.class);

        assertThat(daemons.all(Deployment.class)).isEmpty();
        assertThat(daemonSet.getSpec().getTemplate().getSpec().getNodeSelector())
                .containsEntry("fedgate.io/gateway", "true");
        assertDrainFits(daemons, 5, 30);
        assertThat(daemons.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void tunnelServiceIsALoadBalancerOrNodePort() {
        Service tunnel = tunnelService(gateway);
        Service nodePort = tunnelService(HelmChart.GATEWAY.render(Map.of("tunnel.service.type", "NodePort",
                "tunnel.service.nodePort", 31443)));

        assertThat(tunnel.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(tunnel.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(15443);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("tunnel");
        });
        assertThat(gateway.container().getPorts()).anyMatch(p -> "tunnel".equals(p.getName())
                && p.getContainerPort() == 15443);
        assertThat(nodePort.getSpec().getType()).isEqualTo("NodePort");
        assertThat(nodePort.getSpec().getPorts().get(0).getNodePort()).isEqualTo(31443);
        assertThatThrownBy(() -> HelmChart.GATEWAY.render(Map.of("tunnel.service.type", "ClusterIP")))
                .hasMessageContaining("tunnel.service.type: \"ClusterIP\" must be LoadBalancer or NodePort");
    }

    @Test
    void gatewaysGetNoKubernetesApiTokenAndKeepTheirKeyInMemory() {
        PodSpec pod = gateway.one(Deployment.class).getSpec().getTemplate().getSpec();

        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getVolumes()).anyMatch(v -> "identity".equals(v.getName()) && v.getEmptyDir() != null
                && "Memory".equals(v.getEmptyDir().getMedium()));
    }

    @Test
    void exampleAdvertisesItsLoadBalancerNameAndToleratesGatewayTaints() {
        RenderedChart example = HelmChart.GATEWAY.renderExample();
        PodSpec pod = example.one(Deployment.class).getSpec().getTemplate().getSpec();

        assertThat(example.argument("--advertise-address")).hasValue("gw.eu-west-1a.prod.example.com");
        assertThat(example.argument("--token-file")).hasValue("/var/run/fedgate/join/token");
        assertThat(pod.getTolerations()).anyMatch(t -> "fedgate.io/gateway".equals(t.getKey()));
        assertThat(tunnelService(example).getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
    }

    private static void assertDrainFits(RenderedChart rendered, int preStopSleepSeconds, int drainSeconds) {
        PodSpec pod = rendered.podTemplates().get(0).getSpec();
        Container container = rendered.container();

        assertThat(container.getLifecycle().getPreStop().getExec().getCommand())
                .containsExactly("sleep", Integer.toString(preStopSleepSeconds));
        assertThat(rendered.argument("--drain-timeout")).hasValue(drainSeconds + "s");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan((long) preStopSleepSeconds + drainSeconds);
    }

    private static Service tunnelService(RenderedChart rendered) {
        List<Service> tunnels = rendered.all(Service.class).stream()
                .filter(s -> "tunnel".equals(s.getMetadata().getLabels().get("fedgate.io/service-role"))).toList();
        assertThat(tunnels).as("tunnel Services").hasSize(1);
        return tunnels.get(0);
    }
}
