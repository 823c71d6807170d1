package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.api.topology.TopologyParser;
import io.fedgate.hubclient.protocol.ExportSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real agents and a real hub: one in-process hub member (Hazelcast, CA, mutual-TLS API), and the three clusters of
 * {@code three-cluster-active-active.yaml}, each a fabric8 mock server in CRUD mode with a real agent that joined
 * with a token. east and west run Kube-OVN with distinct address plans (reached routed), north another CNI
 * (reached through its gateways). The federation starts once per class; each test uses its own services.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiClusterAgentIT {
    private static final Path TOPOLOGY = Path.of("..", "topology-examples", "three-cluster-active-active.yaml");
    private static final Duration CONVERGED = Duration.ofSeconds(20);
    /**
     * Longer than every interval that could end the wait on its own: the agents' heartbeat (0.5 s) and retry
     * backoff (1 s at most), the hub's lease (4 s), the hub client's watch idle timeout (15 s) and reconnection
     * backoff (5 s at most).
     */
    private static final Duration HUB_OUTAGE = Duration.ofSeconds(30);
    private static final ServicePort HTTPS = new ServicePort("https", 8443, Protocol.TCP, null);

    @TempDir
    static Path workDir;

    private LocalHub hub;
    private final Map<String, LocalCluster> clusters = new LinkedHashMap<>();
    private final List<ZoneCall> eastZone = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextHost = new AtomicInteger(100);
    private LocalCluster east;
    private LocalCluster west;
    private LocalCluster north;

    private record ZoneCall(String availabilityZone, InterconnectPlan plan) {
    }

    @BeforeAll
    void federation() throws Exception {
        Topology topology = TopologyParser.parse(TOPOLOGY);
        hub = LocalHub.start(LocalHub.Settings.of(topology.clusterSet()).withLease(Duration.ofSeconds(4))
                .withPlanningDebounce(Duration.ofMillis(20)), workDir);
        int index = 1;
        for (TopologyCluster c : topology.clusters()) {
            LocalCluster cluster = new LocalCluster(c, List.of("127.0.0." + index++),
                    workDir.resolve("certs").resolve(c.id()));
            cluster.seed().namespace("bank");
            clusters.put(c.id(), cluster);
        }
        east = clusters.get("east");
        west = clusters.get("west");
        north = clusters.get("north");
        clusters.values().forEach(this::startAgent);
        await().atMost(CONVERGED).until(() -> clusters.values().stream()
                .allMatch(c -> c.agent().health().ready() && c.agent().hubConnected()));
    }

    @AfterAll
    void stop() {
        clusters.values().forEach(LocalCluster::close);
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void exportInOneClusterAppearsAsServiceImportAndLabelledSlicesInTheOthers() {
        ServiceKey payments = new ServiceKey("bank", "payments");
        export(east, payments, Map.of("10.16.0.5", true, "10.16.0.6", true));

        for (LocalCluster consumer : List.of(west, north)) {
            GenericKubernetesResource imported = awaitImport(consumer, payments);
            assertThat(imported.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "fedgate");
            Map<?, ?> spec = (Map<?, ?>) imported.getAdditionalProperties().get("spec");
            assertThat(spec.get("type")).isEqualTo("ClusterSetIP");
            assertThat((List<?>) spec.get("ports")).singleElement().satisfies(p -> assertThat(p)
                    .isEqualTo(Map.of("name", "https", "port", 8443, "protocol", "TCP")));
            EndpointSlice slice = awaitSlice(consumer, payments, "east");
            assertThat(slice.getMetadata().getLabels())
                    .containsEntry(McsView.SERVICE_NAME_LABEL, "payments")
                    .containsEntry(McsView.SOURCE_CLUSTER_LABEL, "east")
                    .containsEntry("kubernetes.io/service-name", "fedgate-payments");
            assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("ServiceImport");
                assertThat(owner.getUid()).isEqualTo(imported.getMetadata().getUid());
            });
            assertThat(consumer.client().services().inNamespace("bank").withName("fedgate-payments").get())
                    .as("the derived Service in %s", consumer.id()).isNotNull();
        }
        assertThat(addresses(awaitSlice(west, payments, "east"))).as("routed: the remote pods themselves")
                .containsExactly("10.16.0.5", "10.16.0.6");
        EndpointSlice viaGateway = awaitSlice(north, payments, "east");
        assertThat(addresses(viaGateway)).as("gateway path: north's own gateway replica").containsExactly("127.0.0.3");
        int listener = GatewayListenerPorts.DEFAULT.assign(plan("north"))
                .get(new GatewayListenerPorts.Listener(payments, 8443));
        assertThat(viaGateway.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(listener));
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(view(east).exportConditions(payments))
                .containsEntry("Valid", "True/Valid").containsEntry("Conflict", "False/NoConflicts"));
        assertThat(hub.admin().exports()).extracting(ExportSummary::service, ExportSummary::clusterId)
                .contains(org.assertj.core.groups.Tuple.tuple("bank/payments", "east"));
        assertThat(eastZone).as("east's availability zone programmed from the plan").anySatisfy(call -> {
            assertThat(call.availabilityZone()).isEqualTo("az-east");
            assertThat(call.plan().zone("az-east")).isNotNull();
        });
    }

    @Test
    void readinessChangeInTheExportingClusterPropagates() {
        ServiceKey stock = new ServiceKey("bank", "stock");
        export(east, stock, Map.of("10.16.1.5", true, "10.16.1.6", true));
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(readiness(west, stock))
                .containsEntry("10.16.1.6", true));

        east.seed().endpoints(stock, List.of(HTTPS), Map.of("10.16.1.5", true, "10.16.1.6", false));

        await().atMost(CONVERGED).untilAsserted(() -> assertThat(readiness(west, stock))
                .containsExactlyInAnyOrderEntriesOf(Map.of("10.16.1.5", true, "10.16.1.6", false)));
    }

    /**
     * KEP-1645, "Constraints and Conflict Resolution": a port name used for non-identical (port, protocol) service
     * ports by different exporters is settled by the age of the ServiceExport; every exporter is told, the oldest
     * that its values are the ones used.
     */
    @Test
    void conflictingExportIsReportedOnEveryExporter() throws InterruptedException {
        ServiceKey ledger = new ServiceKey("bank", "ledger");
        west.seed().service(ledger, ImportType.CLUSTER_SET_IP, List.of(new ServicePort("db", 5432, Protocol.TCP, null)),
                "10.97.0.20");
        west.seed().export(ledger, Map.of());
        await().atMost(CONVERGED).until(() -> exported("west", ledger));
        Thread.sleep(1100); // creation timestamps have one-second resolution: east's export must be newer
        east.seed().service(ledger, ImportType.CLUSTER_SET_IP, List.of(new ServicePort("db", 5432, Protocol.UDP, null)),
                "10.96.0.20");
        east.seed().export(ledger, Map.of());

        await().atMost(CONVERGED).untilAsserted(() -> assertThat(view(east).exportConditions(ledger))
                .containsEntry("Valid", "True/Valid").containsEntry("Conflict", "True/PortConflict"));
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(view(west).exportConditions(ledger))
                .containsEntry("Valid", "True/Valid").containsEntry("Conflict", "True/PortConflict"));
        assertThat(view(east).conditionMessage(ledger, "Conflict")).contains("west");
        assertThat(view(west).conditionMessage(ledger, "Conflict")).contains("it is the oldest");
    }

    @Test
    void deletingTheExportRemovesTheImportEverywhere() {
        ServiceKey loans = new ServiceKey("bank", "loans");
        export(east, loans, Map.of("10.16.2.5", true));
        for (LocalCluster cluster : clusters.values()) {
            awaitSlice(cluster, loans, "east");
        }

        east.seed().unexport(loans);

        for (LocalCluster cluster : clusters.values()) {
            await().atMost(CONVERGED).untilAsserted(() -> {
                assertThat(view(cluster).serviceImport(loans)).as(cluster.id()).isNull();
                assertThat(view(cluster).importSlices(loans)).as(cluster.id()).isEmpty();
                assertThat(cluster.client().services().inNamespace("bank").withName("fedgate-loans").get())
                        .as(cluster.id()).isNull();
            });
        }
        assertThat(exported("east", loans)).isFalse();
    }

    @Test
    void restartedAgentDeletesAndRecreatesNothing() throws InterruptedException {
        ServiceKey accounts = new ServiceKey("bank", "accounts");
        export(east, accounts, Map.of("10.16.3.5", true));
        awaitSlice(west, accounts, "east");
        assertThat(west.api().takeWrites()).as("the request log shows the agent's writes")
                .anyMatch(w -> w.startsWith("POST ") && w.contains("/serviceimports"));
        awaitQuiet();
        GenericKubernetesResource before = view(west).serviceImport(accounts);
        String sliceVersion = view(west).importSlices(accounts).get(0).getMetadata().getResourceVersion();

        west.stopAgent();
        LocalAgent restarted = startAgent(west);
        await().atMost(CONVERGED).until(() -> restarted.health().ready() && restarted.hubConnected()
                && restarted.planVersion() == plan("west").version());
        Thread.sleep(500);

        assertThat(west.api().takeWrites()).as("writes the API server of west received after the restart").isEmpty();
        GenericKubernetesResource after = view(west).serviceImport(accounts);
        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(view(west).importSlices(accounts).get(0).getMetadata().getResourceVersion()).isEqualTo(sliceVersion);
    }

    @Test
    void quietClusterCausesNoWrites() throws InterruptedException {
        ServiceKey rates = new ServiceKey("bank", "rates");
        export(west, rates, Map.of("10.17.4.5", true));
        awaitSlice(north, rates, "west");
        awaitQuiet();

        Thread.sleep(1500);

        for (LocalCluster cluster : clusters.values()) {
            assertThat(cluster.api().takeWrites()).as("writes to %s in 1.5 quiet seconds", cluster.id()).isEmpty();
        }
    }

    @Test
    void whileTheHubIsDownImportsStayUntouchedAndTheAgentsResyncWhenItReturns() throws InterruptedException {
        ServiceKey audit = new ServiceKey("bank", "audit");
        export(east, audit, Map.of("10.16.5.5", true));
        awaitSlice(west, audit, "east");
        awaitQuiet();
        GenericKubernetesResource before = view(west).serviceImport(audit);

        hub.stop();
        long down = System.nanoTime();
        await().atMost(CONVERGED).until(() -> clusters.values().stream().noneMatch(c -> c.agent().hubConnected()));
        east.seed().unexport(audit);
        west.stopAgent();
        LocalAgent restarted = startAgent(west);
        await().atMost(CONVERGED).until(() -> restarted.health().reasons().contains("plan watch on the hub is down"));
        Thread.sleep(Math.max(0, HUB_OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));

        assertThat(west.api().takeWrites()).as("writes to west during the outage, across an agent restart").isEmpty();
        assertThat(view(west).serviceImport(audit).getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(view(west).importSlices(audit)).isNotEmpty();
        assertThat(view(east).serviceImport(audit)).as("east keeps its own import too").isNotNull();

        hub.restart();

        await().atMost(CONVERGED).until(() -> clusters.values().stream().allMatch(c -> c.agent().hubConnected()));
        await().atMost(CONVERGED).untilAsserted(() -> {
            assertThat(view(west).serviceImport(audit)).as("the plan after the resync withdraws it").isNull();
            assertThat(view(west).importSlices(audit)).isEmpty();
        });
        assertThat(hub.admin().clusters()).as("every agent resent its inventory").hasSize(3)
                .allSatisfy(c -> assertThat(c.live()).isTrue());
    }

    @Test
    void exportOfAMissingServiceOrWithAnInvalidNameGetsConditionsAndExportsNothing() {
        ServiceKey ghost = new ServiceKey("bank", "ghost");
        ServiceKey dotted = new ServiceKey("bank", "web.v2");
        east.seed().export(ghost, Map.of());
        east.seed().export(dotted, Map.of());

        await().atMost(CONVERGED).untilAsserted(() -> {
            assertThat(view(east).exportConditions(ghost)).containsOnly(Map.entry("Valid", "False/NoService"),
                    Map.entry("Ready", "False/Failed"));
            assertThat(view(east).exportConditions(dotted)).containsOnly(Map.entry("Valid", "False/InvalidServiceName"),
                    Map.entry("Ready", "False/Failed"));
        });
        assertThat(view(east).conditionMessage(ghost, "Valid")).contains("bank/ghost").contains("does not exist");
        assertThat(exported("east", ghost)).isFalse();
        assertThat(exported("east", dotted)).isFalse();
        assertThat(view(west).serviceImport(ghost)).isNull();

        east.seed().service(ghost, ImportType.CLUSTER_SET_IP, List.of(HTTPS), "10.96.0.30");

        await().atMost(CONVERGED).untilAsserted(() -> assertThat(view(east).exportConditions(ghost))
                .containsEntry("Valid", "True/Valid").containsEntry("Ready", "True/Exported"));
        awaitImport(west, ghost);
    }

    @Test
    void objectsFedgateDoesNotOwnAreLeftAlone() {
        ServiceKey fx = new ServiceKey("bank", "fx");
        GenericKubernetesResource foreign = new GenericKubernetesResource();
        foreign.setApiVersion(McsView.API_VERSION);
        foreign.setKind("ServiceImport");
        foreign.setMetadata(new ObjectMetaBuilder().withName("fx").withNamespace("bank")
                .addToLabels("app.kubernetes.io/managed-by", "another-mcs-controller").build());
        foreign.setAdditionalProperty("spec", Map.of("type", "Headless", "ports", List.of(Map.of("port", 1))));
        foreign = west.client().genericKubernetesResources(McsView.SERVICE_IMPORTS).inNamespace("bank").resource(foreign)
                .create();
        north.client().services().inNamespace("bank").resource(new ServiceBuilder()
                .withNewMetadata().withName("fedgate-fx").withNamespace("bank").endMetadata()
                .withNewSpec().withClusterIP("172.20.0.99").addNewPort().withPort(1).endPort().endSpec().build()).create();
        String foreignService = north.client().services().inNamespace("bank").withName("fedgate-fx").get()
                .getMetadata().getResourceVersion();

        export(east, fx, Map.of("10.16.6.5", true));
        await().atMost(CONVERGED).until(() -> west.agent().planVersion() == plan("west").version()
                && plan("west").importOf(fx) != null);
        awaitImport(east, fx);

        GenericKubernetesResource still = view(west).serviceImport(fx);
        assertThat(still.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
        assertThat(still.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by",
                "another-mcs-controller");
        assertThat(view(west).importSlices(fx)).as("no slices under someone else's import").isEmpty();
        assertThat(north.client().services().inNamespace("bank").withName("fedgate-fx").get().getMetadata()
                .getResourceVersion()).isEqualTo(foreignService);
    }

    @Test
    void importsLandOnlyInNamespacesThatExist() {
        ServiceKey issuer = new ServiceKey("cards", "issuer");
        export(east, issuer, Map.of("10.16.7.5", true));
        awaitImport(east, issuer);
        await().atMost(CONVERGED).until(() -> west.agent().planVersion() == plan("west").version()
                && plan("west").importOf(issuer) != null);
        assertThat(west.client().namespaces().withName("cards").get()).isNull();
        assertThat(view(west).serviceImport(issuer)).isNull();

        west.seed().namespace("cards");

        awaitImport(west, issuer);
    }

    @Test
    void headlessPodsReachedThroughGatewaysEachGetAnAddressOfTheirOwnThatGoesWhenThePodDoes()
            throws InterruptedException {
        ServiceKey vault = new ServiceKey("bank", "vault");
        east.seed().service(vault, ImportType.HEADLESS, List.of(HTTPS), "None");
        statefulSetSlice(east, vault, Map.of("vault-0", "10.16.0.7", "vault-1", "10.16.0.8"));
        east.seed().export(vault, Map.of());

        // north reaches east through gateways: each hostname answers the cluster IP of a Service of its own
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(hostnames(awaitSlice(north, vault, "east")))
                .containsOnlyKeys("vault-0", "vault-1"));
        Map<String, String> perPod = hostnames(awaitSlice(north, vault, "east"));
        assertThat(perPod.values()).doesNotContainNull().doesNotHaveDuplicates();
        Map<String, Integer> listeners = new TreeMap<>();
        GatewayListenerPorts.DEFAULT.assign(plan("north")).forEach((l, port) -> {
            if (l.service().equals(vault)) {
                listeners.put(l.endpoint().clusterId() + "/" + l.endpoint().name(), port);
            }
        });
        assertThat(listeners).containsOnlyKeys("east/vault-0", "east/vault-1");
        for (Map.Entry<String, String> pod : perPod.entrySet()) {
            Service service = endpointServices(north, vault).stream()
                    .filter(s -> s.getSpec().getClusterIP().equals(pod.getValue())).findFirst().orElseThrow();
            assertThat(service.getMetadata().getLabels()).containsEntry(McsView.SOURCE_CLUSTER_LABEL, "east");
            assertThat(service.getSpec().getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getPort()).isEqualTo(HTTPS.port()));
            EndpointSlice gateways = north.client().discovery().v1().endpointSlices().inNamespace("bank")
                    .withLabel("kubernetes.io/service-name", service.getMetadata().getName()).list().getItems().get(0);
            assertThat(addresses(gateways)).as("the way to %s: north's gateway replica", pod.getKey())
                    .containsExactly("127.0.0.3");
            assertThat(gateways.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort())
                    .isEqualTo(listeners.get("east/" + pod.getKey())));
        }
        assertThat(hostnames(awaitSlice(west, vault, "east"))).as("routed: the pods themselves")
                .containsEntry("vault-0", "10.16.0.7").containsEntry("vault-1", "10.16.0.8");

        statefulSetSlice(east, vault, Map.of("vault-0", "10.16.0.7"));

        await().atMost(CONVERGED).untilAsserted(() -> {
            assertThat(hostnames(awaitSlice(north, vault, "east"))).containsOnlyKeys("vault-0");
            assertThat(endpointServices(north, vault)).singleElement().satisfies(s -> assertThat(
                    s.getSpec().getClusterIP()).isEqualTo(perPod.get("vault-0")));
        });
        awaitQuiet();
    }

    // --- helpers

    /** What the EndpointSlice controller keeps for a StatefulSet's pods: one endpoint per hostname. */
    private static void statefulSetSlice(LocalCluster cluster, ServiceKey key, Map<String, String> pods) {
        EndpointSlice slice = new EndpointSliceBuilder()
                .withNewMetadata().withName(key.name() + "-pods").withNamespace(key.namespace())
                .addToLabels("kubernetes.io/service-name", key.name()).endMetadata()
                .withAddressType("IPv4")
                .withPorts(new EndpointPortBuilder().withName(HTTPS.name()).withPort(HTTPS.port()).withProtocol("TCP")
                        .build())
                .withEndpoints(pods.entrySet().stream().map(p -> new EndpointBuilder().withAddresses(p.getValue())
                        .withHostname(p.getKey()).withNewConditions().withReady(true).endConditions().build()).toList())
                .build();
        cluster.client().discovery().v1().endpointSlices().inNamespace(key.namespace()).resource(slice)
                .createOr(NonDeletingOperation::update);
    }

    /** Hostname to address of {@code slice}'s endpoints. */
    private static Map<String, String> hostnames(EndpointSlice slice) {
        Map<String, String> out = new TreeMap<>();
        slice.getEndpoints().forEach(e -> out.put(e.getHostname(), e.getAddresses().get(0)));
        return out;
    }

    /** fedgate's Services in {@code cluster} for the import of {@code key} other than its derived one. */
    private static List<Service> endpointServices(LocalCluster cluster, ServiceKey key) {
        return cluster.client().services().inNamespace(key.namespace()).withLabel(McsView.SERVICE_NAME_LABEL, key.name())
                .list().getItems().stream().filter(s -> !s.getMetadata().getName().equals("fedgate-" + key.name()))
                .toList();
    }

    private LocalAgent startAgent(LocalCluster cluster) {
        AgentConfig config = cluster.agentConfig().withTimings(Duration.ofMillis(50), Duration.ofMillis(500),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(200));
        AvailabilityZoneProgrammer zones = cluster == east
                ? (az, plan) -> eastZone.add(new ZoneCall(az, plan)) : AvailabilityZoneProgrammer.NONE;
        return cluster.startAgent(config, hub.urls(), hub, RotationPolicy.DEFAULT, zones);
    }

    /** A Service with one https port, its endpoints, and a ServiceExport; waits until the hub holds it. */
    private void export(LocalCluster cluster, ServiceKey key, Map<String, Boolean> endpoints) {
        String clusterIp = cluster.topology().serviceCidrs().get(0).host(nextHost.incrementAndGet()).addressText();
        cluster.seed().service(key, ImportType.CLUSTER_SET_IP, List.of(HTTPS), clusterIp);
        cluster.seed().endpoints(key, List.of(HTTPS), endpoints);
        cluster.seed().export(key, Map.of());
        await().atMost(CONVERGED).until(() -> exported(cluster.id(), key));
    }

    private boolean exported(String clusterId, ServiceKey key) {
        return hub.admin().exports().stream()
                .anyMatch(e -> e.clusterId().equals(clusterId) && e.service().equals(key.toString()));
    }

    private ClusterPlan plan(String clusterId) {
        return hub.admin().plan(clusterId).orElseThrow();
    }

    /**
     * Waits until no API server has received a write for half a second; fails (rather than hanging the build)
     * when writes never stop, which is itself the bug the quiet-cluster tests look for.
     */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGED.toNanos();
        List<String> lastWrites = List.of();
        while (System.nanoTime() < deadline) {
            clusters.values().forEach(c -> c.api().takeWrites());
            Thread.sleep(500);
            lastWrites = clusters.values().stream().flatMap(c -> c.api().takeWrites().stream()).toList();
            if (lastWrites.isEmpty()) {
                return;
            }
        }
        throw new AssertionError("API servers still received writes after " + CONVERGED.toSeconds() + " s: "
                + lastWrites);
    }

    private static McsView view(LocalCluster cluster) {
        return new McsView(cluster.client());
    }

    private static GenericKubernetesResource awaitImport(LocalCluster cluster, ServiceKey key) {
        return await().atMost(CONVERGED).until(() -> view(cluster).serviceImport(key), i -> i != null);
    }

    private static EndpointSlice awaitSlice(LocalCluster cluster, ServiceKey key, String source) {
        return await().atMost(CONVERGED).until(() -> view(cluster).importSlices(key).stream()
                .filter(s -> source.equals(s.getMetadata().getLabels().get(McsView.SOURCE_CLUSTER_LABEL)))
                .findFirst().orElse(null), s -> s != null);
    }

    private static List<String> addresses(EndpointSlice slice) {
        List<String> addresses = new ArrayList<>();
        slice.getEndpoints().forEach(e -> addresses.addAll(e.getAddresses()));
        return addresses.stream().sorted().toList();
    }

    private static Map<String, Boolean> readiness(LocalCluster cluster, ServiceKey key) {
        Map<String, Boolean> ready = new TreeMap<>();
        view(cluster).importSlices(key).forEach(s -> s.getEndpoints()
                .forEach(e -> e.getAddresses().forEach(a -> ready.put(a, e.getConditions().getReady()))));
        return ready;
    }
}
