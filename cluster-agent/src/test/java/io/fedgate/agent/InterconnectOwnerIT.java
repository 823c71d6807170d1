package io.fedgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.InterconnectDatabases;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.fedgate.agent.testing.MockCluster;
import io.fedgate.agent.testing.RecordingHubLink;
import io.fedgate.agent.testing.RunningAgent;
import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent as the one owner of OVN interconnection or as its observer, against the fabric8 mock API server:
 * fedgate mode writes nothing while Kube-OVN's ic-controller is active and says so; what interconnection
 * achieved (here as the monitor hands it over) reaches the hub only when it changes; a missing or half-written
 * {@code ovn-ic-config} is reported in the state.
 */
class InterconnectOwnerIT {
    private static final Duration LOOK = Duration.ofMillis(100);
    private static final Cidr TRANSIT = Cidr.parse("169.254.100.0/24");
    private static final InterconnectPlan ROUTES_EAST = new InterconnectPlan(1, List.of(new TransitSwitch("ts",
            TRANSIT, List.of(new TransitSwitchMember("az-east", TRANSIT.host(1), "0a:58:a9:fe:64:01", List.of("gw1")),
            new TransitSwitchMember("az-west", TRANSIT.host(2), "0a:58:a9:fe:64:02", List.of("gw2"))))),
            List.of(new AvailabilityZonePlan("az-east", "east", true, true, List.of()),
                    new AvailabilityZonePlan("az-west", "west", true, true, List.of())));

    private final RecordingHubLink hub = new RecordingHubLink(true);
    private final MockCluster cluster = new MockCluster("east").installMcsCrds();
    private final List<String> programmed = new CopyOnWriteArrayList<>();
    private final AvailabilityZoneProgrammer zones = (az, plan) -> programmed.add(az);
    private RunningAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        cluster.close();
    }

    private void start(InterconnectMode mode, InterconnectMonitor monitor) {
        AgentConfig config = RunningAgent.testConfig("east").withKubeOvn(true).withInterconnect(mode, LOOK);
        agent = new RunningAgent(cluster, config, hub, zones, monitor);
        await().atMost(Duration.ofSeconds(10)).until(() -> !hub.sent().isEmpty());
    }

    private void icConfig(Map<String, String> data) {
        cluster.client().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("ovn-ic-config").withNamespace("kube-system").endMetadata().withData(data).build())
                .createOr(r -> r.update());
    }

    private void icController(int ready) {
        Deployment controller = new DeploymentBuilder().withNewMetadata().withName("ovn-ic-controller")
                .withNamespace("kube-system").endMetadata().withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withReadyReplicas(ready).endStatus().build();
        cluster.client().apps().deployments().inNamespace("kube-system").resource(controller).createOr(r -> r.update());
    }

    /** The interconnect state the hub holds now: the last network sent. */
    private InterconnectState reported() {
        List<Object> sent = hub.sent();
        for (int i = sent.size() - 1; i >= 0; i--) {
            Object o = sent.get(i);
            if (o instanceof ClusterInventory inventory) {
                return inventory.network().interconnect();
            }
            if (o instanceof InventoryDelta delta && delta.network() != null) {
                return delta.network().interconnect();
            }
        }
        return null;
    }

    private void publishPlan() {
        hub.publish(new ClusterPlan("east", 1, List.of(), List.of(), ROUTES_EAST, List.of()));
    }

    @Test
    void fedgateModeWritesNothingWhileKubeOvnsIcControllerIsActiveAndResumesWhenItIsGone() {
        icConfig(Map.of("enable-ic", "true", "az-name", "az-east", "ic-db-host", "198.18.0.9"));
        icController(1);
        start(InterconnectMode.FEDGATE, (az, dbs) -> new InterconnectState(null, true, true, List.of(), List.of()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(agent.agent().health().reasons())
                .singleElement().asString().startsWith("Deployment kube-system/ovn-ic-controller has 1 ready replica "
                        + "while kube-system/ovn-ic-config enable-ic is \"true\""));
        publishPlan();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reported()).isNotNull()
                .satisfies(s -> assertThat(s.problems()).singleElement().asString().contains("writes no IC row")));
        assertThat(reported().mode()).isEqualTo(InterconnectMode.FEDGATE);
        assertThat(agent.agent().health().live()).as("the agent keeps running").isTrue();
        assertThat(programmed).as("nothing written beside Kube-OVN's controller").isEmpty();
        assertThat(agent.count(MetricNames.AGENT_IC_OBSERVATIONS_TOTAL, "refused")).isPositive();
        assertThat(agent.gauge(MetricNames.AGENT_IC_PROBLEMS)).isEqualTo(1);

        icController(0);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(programmed).containsExactly("az-east"));
        assertThat(agent.count(MetricNames.AGENT_IC_PROGRAMMING_TOTAL, "applied")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.agent().health().ready());
        assertThat(reported().problems()).isEmpty();
        assertThat(reported().healthy()).isTrue();
    }

    @Test
    void theObservedStateReachesTheHubWhenItChangesAndOnlyThen() throws InterruptedException {
        icConfig(Map.of("enable-ic", "true", "az-name", "az-east", "ic-db-host", "198.18.0.9", "ic-sb-port", "6700"));
        AtomicReference<InterconnectState> now = new AtomicReference<>(new InterconnectState(null, true, true,
                List.of(Cidr.parse("10.17.0.0/16")), List.of()));
        List<String> asked = new CopyOnWriteArrayList<>();
        start(InterconnectMode.KUBE_OVN, (az, dbs) -> {
            asked.add(az + " " + dbs.icSb());
            return now.get();
        });

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reported()).isEqualTo(
                new InterconnectState(InterconnectMode.KUBE_OVN, true, true, List.of(Cidr.parse("10.17.0.0/16")),
                        List.of())));
        assertThat(agent.gauge(MetricNames.AGENT_IC_DAEMON_ACTIVE)).isEqualTo(1);
        assertThat(agent.gauge(MetricNames.AGENT_IC_LEARNED_PREFIXES)).isEqualTo(1);
        int sends = hub.sent().size();
        int looks = asked.size();
        Thread.sleep(LOOK.toMillis() * 8);
        assertThat(asked.size()).as("it keeps looking").isGreaterThan(looks + 2);
        assertThat(hub.sent()).as("an unchanged state is not resent").hasSize(sends);
        assertThat(asked).allMatch(a -> a.equals("az-east tcp:198.18.0.9:6700"));

        now.set(new InterconnectState(null, false, true, List.of(), List.of()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reported().daemonActive()).isFalse());
        assertThat(reported().healthy()).isFalse();
        assertThat(agent.gauge(MetricNames.AGENT_IC_DAEMON_ACTIVE)).isZero();
        assertThat(agent.count(MetricNames.AGENT_IC_OBSERVATIONS_TOTAL, "healthy")).isGreaterThan(2);
        assertThat(agent.count(MetricNames.AGENT_IC_OBSERVATIONS_TOTAL, "unhealthy")).isPositive();
        assertThat(programmed).as("kube-ovn mode programs nothing, whatever the plan").isEmpty();
    }

    @Test
    void aMissingOrHalfWrittenOvnIcConfigIsReportedInTheState() {
        start(InterconnectMode.KUBE_OVN, (az, dbs) -> new InterconnectState(null, true, true, List.of(), List.of()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reported()).isNotNull()
                .satisfies(s -> assertThat(s.problems()).singleElement().asString()
                        .startsWith("kube-system/ovn-ic-config: not found")));

        icConfig(Map.of("enable-ic", "true"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reported().problems()).singleElement()
                .asString().contains("data.az-name: missing while enable-ic is \"true\""));
        assertThat(agent.agent().health().ready()).as("a problem of the config is no reason to stop serving").isTrue();
    }
}
