package io.fedgate.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.net.Cidr;
import io.fedgate.cli.testing.TwoZoneInterconnect;
import io.fedgate.hub.planning.FederationPlanner;
import io.fedgate.hub.planning.PlanningInput;
import io.fedgate.hub.planning.RouteHealth;
import io.fedgate.hub.planning.RoutedPathGate;
import io.fedgate.interconnect.InterconnectObserver;
import io.fedgate.interconnect.ReconcilerOptions;
import io.fedgate.interconnect.localstack.OvnIcStack;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.cli.local.LocalCluster;
import io.fedgate.cli.local.LocalHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The routed path follows the real state of interconnection: two Kube-OVN-style AZs on real ovsdb-server,
 * ovn-northd and ovn-ic, interconnected by the tools (kube-ovn mode: fedgate writes nothing); each cluster's
 * report is read by {@link InterconnectObserver} as the agent reads it, and planned by the hub's
 * {@link FederationPlanner} through its {@link RoutedPathGate}. Stopping az1's ovn-ic (by the PID the stack
 * recorded) moves c2's import of c1's service to the gateway path; starting it moves it back after the hold.
 * The hub's and agents' transports are not in this test (they carry the same records in their own ITs).
 */
class RoutedPathFollowsOvnIcIT {
    private static final ServiceKey CART = ServiceKey.parse("shop/cart");
    private static final RoutedPathGate.Settings SETTINGS = new RoutedPathGate.Settings(Duration.ZERO,
            Duration.ofSeconds(2));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final FederationPlanner planner = new FederationPlanner();
    private OvnIcStack stack;
    private RoutedPathGate gate = RoutedPathGate.EMPTY;

    @TempDir
    Path workDir;
    private final List<LocalCluster> clusters = new ArrayList<>();
    private final List<OvnInterconnectMonitor> monitors = new ArrayList<>();
    private LocalHub hub;

    @AfterEach
    void stopStack() {
        clusters.forEach(LocalCluster::close);
        monitors.forEach(OvnInterconnectMonitor::close);
        if (hub != null) {
            hub.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static ClusterNetwork network(String az, String pods, String gatewayNode) {
        return new ClusterNetwork(null, null, NetworkKind.KUBE_OVN_OVERLAY, az, List.of(Cidr.parse(pods)),
                List.of(Cidr.parse("10.96.0.0/12")), List.of(), List.of(), List.of(gatewayNode), List.of());
    }

    private DataPath plannedPath(InterconnectObserver az1, InterconnectObserver az2) {
        ExportedService cart = new ExportedService(CART, ImportType.CLUSTER_SET_IP, SessionAffinity.NONE,
                List.of(new ServicePort("http", 80, Protocol.TCP, null)),
                List.of(new Endpoint("10.16.0.5", true, null, null, null)), Instant.EPOCH, 1, 0, null, null);
        List<ClusterInventory> inventories = List.of(
                new ClusterInventory("c1", 1, network("az1", "10.16.0.0/16", "gw1").withInterconnect(
                        InterconnectReports.state(InterconnectMode.KUBE_OVN, az1.observe(), List.of())), List.of(cart)),
                new ClusterInventory("c2", 1, network("az2", "10.17.0.0/16", "gw2").withInterconnect(
                        InterconnectReports.state(InterconnectMode.KUBE_OVN, az2.observe(), List.of())), List.of()));
        gate = gate.next(RouteHealth.observe(inventories), Instant.now(), SETTINGS);
        return planner.plan(PlanningInput.of(inventories).withHeldOnGateway(gate.held()))
                .plan("c2").importOf(CART).clusters().get(0).path();
    }

    private long awaitPath(DataPath want, InterconnectObserver az1, InterconnectObserver az2) throws InterruptedException {
        long start = System.nanoTime();
        while (plannedPath(az1, az2) != want) {
            if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                throw new AssertionError("c2 -> c1 not planned " + want + " within " + TIMEOUT.toSeconds() + " s; "
                        + "az1: " + az1.observe() + ", az2: " + az2.observe());
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void stoppingAnAzsOvnIcMovesItsRoutedImportsToGatewaysAndRestartingItMovesThemBack() throws Exception {
        stack = TwoZoneInterconnect.startStack(true);
        stack.interconnectLikeKubeOvn();
        try (InterconnectObserver az1 = InterconnectObserver.connect("az1", stack.nb(1), stack.icSb(), stack.sb(1),
                null, ReconcilerOptions.DEFAULT_REQUEST_TIMEOUT);
             InterconnectObserver az2 = InterconnectObserver.connect("az2", stack.nb(2), stack.icSb(), stack.sb(2),
                     null, ReconcilerOptions.DEFAULT_REQUEST_TIMEOUT)) {
            long routed = awaitPath(DataPath.ROUTED, az1, az2);

            stack.stopOvnIc(1);
            long toGateway = awaitPath(DataPath.GATEWAY, az1, az2);
            stack.startOvnIc(1);
            long back = awaitPath(DataPath.ROUTED, az1, az2);

            System.out.printf("routed path on real ovn-ic: first routed after %d ms; ovn-ic of az1 stopped -> "
                    + "gateway in %d ms; started -> routed again in %d ms (hold %d ms)%n", routed, toGateway, back,
                    SETTINGS.upAfter().toMillis());
            assertThat(back).as("back to routed only after the hold").isGreaterThanOrEqualTo(SETTINGS.upAfter().toMillis());
            assertThat(az1.transactionCount() + az2.transactionCount()).isZero();
            assertThat(stack.transactionLog("az1nb")).noneMatch(c -> c.startsWith("fedgate "));
        }
    }

    /**
     * The whole loop: a real agent per AZ (kube-ovn mode, so no zone programmer exists) observes its AZ's real
     * NB, SB and IC-SB through {@link OvnInterconnectMonitor} and reports {@code network.interconnect} to a real
     * hub, whose plan for c2's import of c1's service follows: gateway while az1's ovn-ic is stopped, routed
     * again after the hub's hold ({@code RoutedPathGate.Settings.DEFAULT}, 10 s) once it runs.
     */
    @Test
    void realAgentsReportOvnIcAndTheHubsPlanFollowsIt() throws Exception {
        stack = TwoZoneInterconnect.startStack(true);
        stack.interconnectLikeKubeOvn();
        hub = LocalHub.start(LocalHub.Settings.of("ic").withLease(Duration.ofSeconds(4))
                .withPlanningDebounce(Duration.ofMillis(20)), workDir);
        String icSbPort = stack.icSb().substring(stack.icSb().lastIndexOf(':') + 1);
        for (int az = 1; az <= 2; az++) {
            TopologyCluster topology = new TopologyCluster("c" + az, null, null, NetworkKind.KUBE_OVN_OVERLAY,
                    "az" + az, List.of(Cidr.parse("10.1" + (5 + az) + ".0.0/16")), List.of(Cidr.parse("10.9" + az
                    + ".0.0/16")), List.of(), List.of(), 1, List.of("gw" + az));
            LocalCluster cluster = new LocalCluster(topology, List.of("127.0.0." + (10 + az)),
                    workDir.resolve("certs").resolve(topology.id()));
            clusters.add(cluster);
            cluster.client().configMaps().inNamespace("kube-system").withName("ovn-ic-config").edit(cm -> {
                cm.getData().put("ic-db-host", "127.0.0.1");
                cm.getData().put("ic-sb-port", icSbPort);
                return cm;
            });
            cluster.seed().namespace("shop");
            OvnInterconnectMonitor monitor = new OvnInterconnectMonitor(stack.nb(az), stack.sb(az));
            monitors.add(monitor);
            AgentConfig config = cluster.agentConfig().withInterconnect(InterconnectMode.KUBE_OVN,
                    Duration.ofMillis(200));
            cluster.startAgent(config, hub.urls(), hub, RotationPolicy.DEFAULT, AvailabilityZoneProgrammer.NONE,
                    monitor);
        }
        LocalCluster c1 = clusters.get(0);
        ServicePort http = new ServicePort("http", 80, Protocol.TCP, null);
        c1.seed().service(CART, ImportType.CLUSTER_SET_IP, List.of(http), "10.91.0.10");
        c1.seed().endpoints(CART, List.of(http), Map.of("10.16.0.5", true));
        c1.seed().export(CART, Map.of());

        long routed = awaitHubPath(DataPath.ROUTED);
        assertThat(hub.admin().clusters()).as("what fedgate ctl clusters shows").allSatisfy(c -> {
            assertThat(c.interconnectMode()).isEqualTo("kube-ovn");
            assertThat(c.routesInPlace()).isTrue();
        });
        stack.stopOvnIc(1);
        long toGateway = awaitHubPath(DataPath.GATEWAY);
        assertThat(hub.admin().clusters()).allSatisfy(c -> assertThat(c.routesInPlace()).isFalse());
        stack.startOvnIc(1);
        long back = awaitHubPath(DataPath.ROUTED);

        System.out.printf("routed path through real agents and hub: first routed after %d ms; ovn-ic of az1 "
                + "stopped -> gateway in %d ms; started -> routed again in %d ms (hub hold %d ms, agents look every "
                + "200 ms)%n", routed, toGateway, back, RoutedPathGate.Settings.DEFAULT.upAfter().toMillis());
        assertThat(back).isGreaterThanOrEqualTo(RoutedPathGate.Settings.DEFAULT.upAfter().toMillis());
        assertThat(stack.transactionLog("az1nb")).noneMatch(c -> c.startsWith("fedgate "));
        assertThat(stack.transactionLog("az2nb")).noneMatch(c -> c.startsWith("fedgate "));
    }

    private long awaitHubPath(DataPath want) throws InterruptedException {
        long start = System.nanoTime();
        DataPath now = null;
        while (now != want) {
            if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                throw new AssertionError("hub did not plan c2 -> c1 " + want + " within " + TIMEOUT.toSeconds()
                        + " s (now " + now + "); clusters: " + hub.admin().clusters());
            }
            Thread.sleep(50);
            now = hub.admin().plan("c2").map(p -> p.importOf(CART)).filter(java.util.Objects::nonNull)
                    .map(i -> i.clusters().isEmpty() ? null : i.clusters().get(0).path()).orElse(null);
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
