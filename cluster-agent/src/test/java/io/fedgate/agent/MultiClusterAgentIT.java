package io.fedgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.agent.internal.model.McsNames;
import io.fedgate.agent.testing.FakeClusterIpAllocator;
import io.fedgate.agent.testing.FakeHub;
import io.fedgate.agent.testing.MockCluster;
import io.fedgate.agent.testing.RecordingZoneProgrammer;
import io.fedgate.agent.testing.RunningAgent;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.net.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three "clusters" (fabric8 mock servers in CRUD mode) with real agents, linked by a {@link FakeHub} that plans
 * with the hub's real planner. east and west run Kube-OVN with interconnection and distinct address plans, so
 * they reach each other routed; north runs another CNI and is reached through gateways.
 */
class MultiClusterAgentIT {
    private static final Duration CONVERGED = Duration.ofSeconds(15);
    private static final ServiceKey PAYMENTS = new ServiceKey("bank", "payments");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private FakeHub hub;
    private MockCluster east;
    private MockCluster west;
    private MockCluster north;
    private RunningAgent eastAgent;
    private RunningAgent westAgent;
    private RunningAgent northAgent;
    private RecordingZoneProgrammer eastZone;

    @BeforeEach
    void federation() {
        hub = new FakeHub();
        east = kubeOvnCluster("east", "10.16.0.0/16", "100.64.0.0/16", "az-east");
        west = kubeOvnCluster("west", "10.17.0.0/16", "100.65.0.0/16", "az-west");
        north = closing(new MockCluster("north").installMcsCrds());
        north.node("north-1", "192.168.0.0/24", "eu-north", "eu-north-1a", true, "198.18.0.3");
        gateway(east, "10.16.0.200");
        gateway(west, "10.17.0.200");
        gateway(north, "192.168.0.200");
        for (MockCluster cluster : List.of(east, west, north)) {
            cluster.namespace("bank");
        }
        closing(new FakeClusterIpAllocator(east.client(), "10.96.200"));
        closing(new FakeClusterIpAllocator(west.client(), "10.97.200"));
        closing(new FakeClusterIpAllocator(north.client(), "172.20.200"));
        eastZone = new RecordingZoneProgrammer();
        eastAgent = startAgent(east, "10.96.0.0/16", eastZone);
        westAgent = startAgent(west, "10.97.0.0/16", new RecordingZoneProgrammer());
        northAgent = startAgent(north, "172.20.0.0/16", new RecordingZoneProgrammer());
        await().atMost(CONVERGED).until(() -> List.of(eastAgent, westAgent, northAgent).stream()
                .allMatch(a -> a.agent().health().ready()));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        hub.close();
    }

    @Test
    void exportInOneClusterIsImportedEverywhere() {
        exportPayments();

        ClusterInventory inventory = hub.inventory("east");
        ExportedService export = inventory.export(PAYMENTS);
        assertThat(export.endpoints()).extracting(Endpoint::address).containsExactly("10.16.0.5", "10.16.0.6");
        assertThat(export.ports()).singleElement().satisfies(p -> assertThat(p.port()).isEqualTo(8443));
        assertThat(export.exportedAt()).isNotNull();
        assertThat(inventory.network().availabilityZone()).isEqualTo("az-east");

        GenericKubernetesResource westImport = awaitImport(west);
        assertThat(westImport.getMetadata().getLabels()).containsEntry(McsNames.MANAGED_BY, McsNames.FEDGATE);
        Map<String, Object> spec = map(westImport.getAdditionalProperties().get("spec"));
        assertThat(spec).containsEntry("type", "ClusterSetIP").containsEntry("sessionAffinity", "None");
        assertThat((List<?>) spec.get("ports")).singleElement().satisfies(p ->
                assertThat(map(p)).containsEntry("name", "https").containsEntry("port", 8443).containsEntry("protocol", "TCP"));
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(ips(west)).containsExactly(
                west.getService("bank", "fedgate-payments").getSpec().getClusterIP()));
        assertThat(map(west.serviceImport("bank", "payments").getAdditionalProperties().get("status")))
                .containsEntry("clusters", List.of(Map.of("cluster", "east")));

        EndpointSlice routed = awaitSlice(west, "payments-east-ipv4");
        assertThat(routed.getMetadata().getLabels())
                .containsEntry(McsNames.MCS_SERVICE_NAME, "payments")
                .containsEntry(McsNames.MCS_SOURCE_CLUSTER, "east")
                .containsEntry(McsNames.SLICE_MANAGED_BY, "fedgate")
                .containsEntry(McsNames.MANAGED_BY, "fedgate")
                .containsEntry(McsNames.SLICE_SERVICE_NAME, "fedgate-payments");
        assertThat(routed.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("ServiceImport");
            assertThat(owner.getUid()).isEqualTo(westImport.getMetadata().getUid());
        });
        assertThat(addresses(routed)).as("routed: the remote pods themselves").containsExactly("10.16.0.5", "10.16.0.6");
        assertThat(routed.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("https");
            assertThat(p.getPort()).isEqualTo(8443);
        });

        EndpointSlice viaGateway = awaitSlice(north, "payments-east-ipv4");
        assertThat(addresses(viaGateway)).as("gateway path: north's own gateway replicas").containsExactly("192.168.0.200");
        int gatewayListener = GatewayListenerPorts.DEFAULT.assign(hub.plan("north")).get(
                new GatewayListenerPorts.Listener(new ServiceKey("bank", "payments"), 8443));
        assertThat(viaGateway.getPorts()).as("gateway path: the port north's gateways listen on for payments:8443")
                .singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(gatewayListener));
        assertThat(addresses(awaitSlice(east, "payments-east-ipv4"))).containsExactly("10.16.0.5", "10.16.0.6");

        await().atMost(CONVERGED).untilAsserted(() -> assertThat(conditions(east, "payments"))
                .contains(Map.entry("Valid", "True/Valid"), Map.entry("Conflict", "False/NoConflicts")));
        assertThat(eastZone.calls()).anySatisfy(call -> {
            assertThat(call.availabilityZone()).isEqualTo("az-east");
            assertThat(call.plan().zone("az-east")).as("the plan routes east").isNotNull();
        });
    }

    @Test
    void readinessChangePropagatesAsADelta() {
        exportPayments();
        awaitSlice(west, "payments-east-ipv4");

        east.updateEndpointSlice("bank", "payments", "payments-abcde", "https", 8443,
                Map.of("10.16.0.5", true, "10.16.0.6", false));

        await().atMost(CONVERGED).untilAsserted(() -> assertThat(hub.link("east").acceptedDeltas())
                .anySatisfy(delta -> assertThat(delta.upserts()).singleElement().satisfies(upsert ->
                        assertThat(upsert.endpoints()).contains(new Endpoint("10.16.0.6", false, null, null, null)))));
        InventoryDelta delta = hub.link("east").acceptedDeltas().get(hub.link("east").acceptedDeltas().size() - 1);
        assertThat(delta.removals()).isEmpty();
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(readiness(west.importSlices("bank", "payments")))
                .containsEntry("10.16.0.5", true).containsEntry("10.16.0.6", false));
    }

    /**
     * KEP-1645, "Constraints and Conflict Resolution": a port name used for non-identical (port, protocol) service
     * ports by different exporters is settled by the age of the ServiceExport; the newer one is told.
     */
    @Test
    void conflictingExportIsReportedOnTheNewerExporter() throws InterruptedException {
        west.service("bank", "ledger", "10.97.0.20", "db", 5432);
        west.export("bank", "ledger");
        await().atMost(CONVERGED).until(() -> hub.inventory("west").export(new ServiceKey("bank", "ledger")) != null);
        Thread.sleep(1100); // creation timestamps have one-second resolution: east's export must be newer
        east.client().services().inNamespace("bank").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("ledger").withNamespace("bank").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.20").addNewPort().withName("db").withPort(5432).withProtocol("UDP")
                .endPort().endSpec().build()).create();
        east.export("bank", "ledger");

        await().atMost(CONVERGED).untilAsserted(() -> assertThat(conditions(east, "ledger"))
                .containsEntry("Valid", "True/Valid").containsEntry("Conflict", "True/PortConflict"));
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(conditions(west, "ledger"))
                .containsEntry("Valid", "True/Valid").containsEntry("Conflict", "False/NoConflicts"));
        assertThat(message(east, "ledger", "Conflict")).contains("west");
    }

    @Test
    void deletingTheExportRemovesTheImportEverywhere() {
        exportPayments();
        awaitSlice(west, "payments-east-ipv4");
        awaitSlice(north, "payments-east-ipv4");

        east.deleteExport("bank", "payments");

        for (MockCluster cluster : List.of(east, west, north)) {
            await().atMost(CONVERGED).untilAsserted(() -> {
                assertThat(cluster.serviceImport("bank", "payments")).as(cluster.id()).isNull();
                assertThat(cluster.importSlices("bank", "payments")).as(cluster.id()).isEmpty();
                assertThat(cluster.getService("bank", "fedgate-payments")).as(cluster.id()).isNull();
            });
        }
        assertThat(hub.inventory("east").export(PAYMENTS)).isNull();
    }

    @Test
    void restartedAgentWithUnchangedStateWritesNothing() throws InterruptedException {
        exportPayments();
        awaitSlice(west, "payments-east-ipv4");
        await().atMost(CONVERGED).until(() -> !ips(west).isEmpty());
        awaitQuiet();
        GenericKubernetesResource before = west.serviceImport("bank", "payments");
        EndpointSlice sliceBefore = west.importSlices("bank", "payments").get(0);

        westAgent.close();
        RunningAgent restarted = startAgent(west, "10.97.0.0/16", new RecordingZoneProgrammer());
        await().atMost(CONVERGED).until(() -> restarted.agent().health().ready()
                && restarted.planVersion() == hub.plan("west").version());
        Thread.sleep(500);

        assertThat(restarted.totalWrites()).as("writes after a restart with unchanged state").isZero();
        GenericKubernetesResource after = west.serviceImport("bank", "payments");
        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        EndpointSlice sliceAfter = west.importSlices("bank", "payments").get(0);
        assertThat(sliceAfter.getMetadata().getResourceVersion()).isEqualTo(sliceBefore.getMetadata().getResourceVersion());
    }

    @Test
    void quietClusterCausesNoWrites() throws InterruptedException {
        exportPayments();
        awaitSlice(north, "payments-east-ipv4");
        await().atMost(CONVERGED).until(() -> !ips(west).isEmpty() && !ips(north).isEmpty() && !ips(east).isEmpty());
        awaitQuiet();
        double[] before = {eastAgent.totalWrites(), westAgent.totalWrites(), northAgent.totalWrites()};
        int heartbeats = hub.link("west").heartbeats();

        Thread.sleep(1500);

        assertThat(hub.link("west").heartbeats()).as("heartbeats went on").isGreaterThan(heartbeats);
        assertThat(new double[] {eastAgent.totalWrites(), westAgent.totalWrites(), northAgent.totalWrites()})
                .containsExactly(before);
    }

    @Test
    void whileTheHubIsDownNothingImportedIsRemoved() throws InterruptedException {
        exportPayments();
        awaitSlice(west, "payments-east-ipv4");
        awaitQuiet();
        hub.down();
        await().atMost(CONVERGED).until(() -> !westAgent.hubConnected() && !eastAgent.hubConnected());

        east.deleteExport("bank", "payments");
        Thread.sleep(1000);
        assertThat(west.serviceImport("bank", "payments")).isNotNull();
        assertThat(west.importSlices("bank", "payments")).isNotEmpty();
        assertThat(east.serviceImport("bank", "payments")).as("east keeps its own import too").isNotNull();

        westAgent.close();
        RunningAgent restarted = startAgent(west, "10.97.0.0/16", new RecordingZoneProgrammer());
        await().atMost(CONVERGED).until(() -> restarted.agent().health().reasons()
                .contains("plan watch on the hub is down"));
        Thread.sleep(500);
        assertThat(west.serviceImport("bank", "payments")).as("a restart without a plan removes nothing").isNotNull();
        assertThat(west.importSlices("bank", "payments")).isNotEmpty();
        assertThat(restarted.totalWrites()).isZero();

        hub.up();
        await().atMost(CONVERGED).untilAsserted(() -> {
            assertThat(west.serviceImport("bank", "payments")).as("the new plan withdraws it").isNull();
            assertThat(west.importSlices("bank", "payments")).isEmpty();
        });
    }

    @Test
    void exportOfAMissingServiceOrWithAnInvalidNameGetsConditionsAndExportsNothing() {
        east.export("bank", "ghost");
        east.export("bank", "web.v2");

        await().atMost(CONVERGED).untilAsserted(() -> {
            assertThat(conditions(east, "ghost")).containsOnly(Map.entry("Valid", "False/NoService"));
            assertThat(conditions(east, "web.v2")).containsOnly(Map.entry("Valid", "False/InvalidServiceName"));
        });
        assertThat(message(east, "ghost", "Valid")).contains("bank/ghost").contains("does not exist");
        assertThat(hub.inventory("east").exports()).isEmpty();
        assertThat(west.serviceImport("bank", "ghost")).isNull();

        east.service("bank", "ghost", "10.96.0.30", "http", 80);

        await().atMost(CONVERGED).untilAsserted(() -> assertThat(conditions(east, "ghost"))
                .containsEntry("Valid", "True/Valid"));
        awaitImport(west, "ghost");
    }

    @Test
    void objectsFedgateDoesNotOwnAreLeftAlone() {
        GenericKubernetesResource foreign = west.foreignServiceImport("bank", "payments");
        north.client().services().inNamespace("bank").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("fedgate-payments").withNamespace("bank").endMetadata()
                .withNewSpec().withClusterIP("172.20.0.99").addNewPort().withPort(1).endPort().endSpec().build()).create();
        String foreignServiceVersion = north.getService("bank", "fedgate-payments").getMetadata().getResourceVersion();

        exportPayments();
        awaitSlice(north, "payments-east-ipv4");
        await().atMost(CONVERGED).until(() -> westAgent.planVersion() == hub.plan("west").version()
                && hub.plan("west").importOf(PAYMENTS) != null);

        GenericKubernetesResource still = west.serviceImport("bank", "payments");
        assertThat(still.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
        assertThat(still.getMetadata().getLabels()).containsEntry(McsNames.MANAGED_BY, "another-mcs-controller");
        assertThat(west.importSlices("bank", "payments")).as("no slices under someone else's import").isEmpty();
        assertThat(westAgent.writes("ServiceImport")).isZero();
        assertThat(north.getService("bank", "fedgate-payments").getMetadata().getResourceVersion())
                .isEqualTo(foreignServiceVersion);
        assertThat(north.getService("bank", "fedgate-payments").getMetadata().getLabels()).isNullOrEmpty();
    }

    @Test
    void importsLandOnlyInNamespacesThatExist() {
        east.namespace("cards");
        east.service("cards", "issuer", "10.96.0.40", "grpc", 9000);
        east.endpointSlice("cards", "issuer", "issuer-abcde", "grpc", 9000, Map.of("10.16.0.40", true));
        east.export("cards", "issuer");
        awaitImport(east, "cards", "issuer");
        await().atMost(CONVERGED).until(() -> westAgent.planVersion() == hub.plan("west").version()
                && hub.plan("west").importOf(new ServiceKey("cards", "issuer")) != null);
        assertThat(west.serviceImport("cards", "issuer")).isNull();

        west.namespace("cards");

        awaitImport(west, "cards", "issuer");
    }

    // --- helpers

    private void exportPayments() {
        east.service("bank", "payments", "10.96.0.10", "https", 8443);
        east.endpointSlice("bank", "payments", "payments-abcde", "https", 8443,
                Map.of("10.16.0.5", true, "10.16.0.6", true));
        east.export("bank", "payments");
        await().atMost(CONVERGED).until(() -> hub.inventory("east") != null
                && hub.inventory("east").export(PAYMENTS) != null);
    }

    private MockCluster kubeOvnCluster(String id, String podCidr, String joinCidr, String az) {
        MockCluster cluster = closing(new MockCluster(id).installMcsCrds().installSubnetCrd());
        cluster.subnet("ovn-default", podCidr, true);
        cluster.subnet("join", joinCidr, false);
        cluster.ovnIcConfig(az, id + "-gw-1");
        cluster.node(id + "-gw-1", podCidr, "eu-" + id, "eu-" + id + "-1a", true, "198.18.0.1");
        return cluster;
    }

    private static void gateway(MockCluster cluster, String podIp) {
        cluster.namespace("fedgate-system");
        cluster.service("fedgate-system", "fedgate-gateway", null, "tunnel", 15443);
        cluster.endpointSlice("fedgate-system", "fedgate-gateway", "fedgate-gateway-abcde", "tunnel", 15443,
                Map.of(podIp, true));
    }

    private RunningAgent startAgent(MockCluster cluster, String serviceCidr,
                                    io.fedgate.agent.spi.AvailabilityZoneProgrammer zones) {
        AgentConfig config = RunningAgent.testConfig(cluster.id())
                .withKubeOvn(!cluster.id().equals("north"))
                .withGatewayService(new ServiceKey("fedgate-system", "fedgate-gateway"))
                .withServiceCidrs(List.of(Cidr.parse(serviceCidr)));
        return closing(new RunningAgent(cluster, config, hub.link(cluster.id()), zones));
    }

    private void awaitQuiet() throws InterruptedException {
        double total;
        do {
            total = eastAgent.totalWrites() + westAgent.totalWrites() + northAgent.totalWrites();
            Thread.sleep(400);
        } while (total != eastAgent.totalWrites() + westAgent.totalWrites() + northAgent.totalWrites());
    }

    private GenericKubernetesResource awaitImport(MockCluster cluster) {
        return awaitImport(cluster, "payments");
    }

    private GenericKubernetesResource awaitImport(MockCluster cluster, String name) {
        return awaitImport(cluster, "bank", name);
    }

    private GenericKubernetesResource awaitImport(MockCluster cluster, String namespace, String name) {
        return await().atMost(CONVERGED).until(() -> cluster.serviceImport(namespace, name), i -> i != null);
    }

    private static EndpointSlice awaitSlice(MockCluster cluster, String name) {
        return await().atMost(CONVERGED).until(() -> cluster.importSlices("bank", "payments").stream()
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElse(null), s -> s != null);
    }

    private static List<String> addresses(EndpointSlice slice) {
        return slice.getEndpoints().stream().flatMap(e -> e.getAddresses().stream()).sorted().toList();
    }

    private static Map<String, Boolean> readiness(List<EndpointSlice> slices) {
        Map<String, Boolean> ready = new java.util.TreeMap<>();
        slices.stream().filter(s -> "east".equals(s.getMetadata().getLabels().get(McsNames.MCS_SOURCE_CLUSTER)))
                .flatMap(s -> s.getEndpoints().stream())
                .forEach(e -> e.getAddresses().forEach(a -> ready.put(a, e.getConditions().getReady())));
        return ready;
    }

    private static List<String> ips(MockCluster cluster) {
        GenericKubernetesResource serviceImport = cluster.serviceImport("bank", "payments");
        if (serviceImport == null) {
            return List.of();
        }
        Object ips = map(serviceImport.getAdditionalProperties().get("spec")).get("ips");
        return ips == null ? List.of() : ((List<?>) ips).stream().map(Object::toString).toList();
    }

    /** Condition type → "status/reason". */
    private static Map<String, String> conditions(MockCluster cluster, String name) {
        GenericKubernetesResource export = cluster.serviceExport("bank", name);
        Map<String, String> result = new java.util.TreeMap<>();
        Object list = map(export.getAdditionalProperties().get("status")).get("conditions");
        if (list instanceof List<?> conditions) {
            conditions.forEach(c -> result.put((String) map(c).get("type"),
                    map(c).get("status") + "/" + map(c).get("reason")));
        }
        return result;
    }

    private static String message(MockCluster cluster, String name, String type) {
        Object list = map(cluster.serviceExport("bank", name).getAdditionalProperties().get("status")).get("conditions");
        return ((List<?>) list).stream().map(MultiClusterAgentIT::map).filter(c -> type.equals(c.get("type")))
                .map(c -> (String) c.get("message")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.add(closeable);
        return closeable;
    }
}
