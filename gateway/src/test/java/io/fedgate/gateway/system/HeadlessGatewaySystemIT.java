package io.fedgate.gateway.system;

import static io.fedgate.gateway.testing.Plans.headlessImport;
import static io.fedgate.gateway.testing.Plans.peer;
import static io.fedgate.gateway.testing.Plans.plan;
import static io.fedgate.gateway.testing.Plans.pod;
import static io.fedgate.gateway.testing.Plans.serving;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.GatewayListenerPorts.Listener;
import io.fedgate.api.model.GatewayListenerPorts.RemoteEndpoint;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TestPki;
import io.fedgate.gateway.system.NetnsHarness.NetnsProcess;
import io.fedgate.gateway.testing.EchoBackend;
import io.fedgate.gateway.testing.FlowClient;
import io.fedgate.gateway.testing.GatewayProcessMain;
import io.fedgate.gateway.testing.Plans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * System tier, StatefulSet-shaped: the headless {@code shop/web} has ordinals web-0 and web-1 in cluster a and
 * web-2 in cluster b, with overlapping pod ranges (web-0 and web-2 are both 198.19.0.10), each a real TCP server
 * greeting with its own name. Cluster c consumes it through its two gateway replicas. Each remote endpoint has a
 * per-pod address in c, as the agent's per-endpoint derived Service gives it and DNS answers it for
 * {@code web-N.<cluster>.web.shop.svc.clusterset.local}: 198.18.100.1N, whose connections on the service's own
 * port nft DNATs to c's gateways on that endpoint's listener port, as kube-proxy does.
 */
class HeadlessGatewaySystemIT {
    private static final ServiceKey WEB = new ServiceKey("shop", "web");
    private static final int SERVICE_PORT = 7000;
    private static final int BACKEND_PORT = 8080;
    /** The ordinals: name, serving cluster, pod address in that cluster, per-pod address in c. */
    private static final List<Ordinal> ORDINALS = List.of(
            new Ordinal("web-0", "a", "198.19.0.10", "198.18.100.10"),
            new Ordinal("web-1", "a", "198.19.0.11", "198.18.100.11"),
            new Ordinal("web-2", "b", "198.19.0.10", "198.18.100.12"));
    /** In c's plan only: cluster b's plan has no such endpoint, so b's gateway must refuse it. */
    private static final Ordinal NOT_IN_SERVING_PLAN = new Ordinal("web-3", "b", "198.19.0.10", "198.18.100.13");

    private record Ordinal(String hostname, String cluster, String podAddress, String perPodAddress) {
        Endpoint endpoint() {
            return pod(podAddress, hostname, BACKEND_PORT);
        }
    }

    private static NetnsHarness harness;

    @BeforeAll
    static void buildClusters() throws Exception {
        String reason = NetnsHarness.unavailableReason();
        if (reason == null) {
            reason = NetnsHarness.nftUnavailableReason();
        }
        Assumptions.assumeTrue(reason == null, "system tier skipped: " + reason);
        harness = new NetnsHarness();
        harness.up();
        harness.addAddress("a", "198.19.0.11");
        Path dir = Files.createTempDirectory("fgt-headless");
        TestPki pki = TestPki.create();
        List<NetnsProcess> starting = new ArrayList<>();
        for (Ordinal o : ORDINALS) {
            starting.add(harness.java(o.cluster(), "64m", EchoBackend.class, o.podAddress(), "" + BACKEND_PORT,
                    o.hostname()));
        }
        ClusterPlan consumer = consumerPlan();
        Map<Listener, Integer> ports = GatewayListenerPorts.DEFAULT.assign(consumer);
        for (Ordinal o : concat(ORDINALS, NOT_IN_SERVING_PLAN)) {
            int listenerPort = ports.get(new Listener(WEB, SERVICE_PORT, new RemoteEndpoint(o.cluster(), o.hostname())));
            harness.service("c", o.perPodAddress(), SERVICE_PORT,
                    List.of(gateway("c", 1).host() + ":" + listenerPort, gateway("c", 2).host() + ":" + listenerPort));
        }
        Map<String, ClusterPlan> plans = Map.of("a", servingPlan("a"), "b", servingPlan("b"), "c", consumer);
        for (String cluster : List.of("a", "b", "c")) {
            pki.issueTo(dir.resolve("cert-" + cluster), cluster, Component.GATEWAY);
            Path planFile = dir.resolve("plan-" + cluster + ".json");
            Plans.write(planFile, plans.get(cluster));
            for (int replica = 1; replica <= (cluster.equals("c") ? 2 : 1); replica++) {
                GatewayEndpoint gw = gateway(cluster, replica);
                starting.add(harness.java(cluster, "256m", GatewayProcessMain.class, cluster, gw.name(),
                        dir.resolve("cert-" + cluster).toString(), planFile.toString(), gw.host(), "1000"));
            }
        }
        for (NetnsProcess p : starting) {
            p.await("READY", Duration.ofSeconds(30));
        }
        awaitTunnels(ORDINALS.get(0), Duration.ofSeconds(30));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** Replica {@code n} (1, 2) of {@code cluster}'s gateways: 198.18.<cluster>.1n, as fgt-netns.sh sets up. */
    private static GatewayEndpoint gateway(String cluster, int n) {
        return new GatewayEndpoint(cluster + n, "198.18." + (cluster.charAt(0) - 'a' + 1) + "." + (10 + n),
                GatewayProcessMain.TUNNEL_PORT);
    }

    private static List<Ordinal> concat(List<Ordinal> ordinals, Ordinal more) {
        List<Ordinal> all = new ArrayList<>(ordinals);
        all.add(more);
        return all;
    }

    /** What the hub plans for a serving cluster: its own ordinals, reached directly, for consumer c. */
    private static ClusterPlan servingPlan(String cluster) {
        Endpoint[] own = ORDINALS.stream().filter(o -> o.cluster().equals(cluster)).map(Ordinal::endpoint)
                .toArray(Endpoint[]::new);
        return plan(cluster, 1, List.of(headlessImport(WEB, SERVICE_PORT, serving(cluster, DataPath.DIRECT, own))),
                List.of(peer("c", gateway("c", 1), gateway("c", 2))));
    }

    /** Consumer c's plan: both serving clusters through gateways, with every ordinal (and one b does not have). */
    private static ClusterPlan consumerPlan() {
        return plan("c", 1, List.of(headlessImport(WEB, SERVICE_PORT,
                        serving("a", DataPath.GATEWAY, ORDINALS.get(0).endpoint(), ORDINALS.get(1).endpoint()),
                        serving("b", DataPath.GATEWAY, ORDINALS.get(2).endpoint(), NOT_IN_SERVING_PLAN.endpoint()))),
                List.of(peer("a", gateway("a", 1)), peer("b", gateway("b", 1))));
    }

    /** Connects to {@code ordinal}'s per-pod address on the service port {@code count} times; the answers. */
    private static List<String> connect(Ordinal ordinal, int count) throws Exception {
        NetnsProcess client = harness.java("c", "64m", FlowClient.class, "rate", ordinal.perPodAddress(),
                "" + SERVICE_PORT, "" + (count * 4), "250");
        return client.linesUntil("DONE", Duration.ofSeconds(30)).stream()
                .filter(l -> l.matches("\\d+ (ok|fail) .*")).map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    private static void awaitTunnels(Ordinal ordinal, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> answers = List.of();
        while (System.nanoTime() < end) {
            answers = connect(ordinal, 4);
            if (!answers.isEmpty() && answers.stream().allMatch(a -> a.startsWith("ok "))) {
                return;
            }
        }
        throw new AssertionError("tunnels never carried a per-pod connection; last answers: " + answers);
    }

    @Test
    void eachOrdinalAnswersOnItsPerPodAddressThroughTheGatewaysDespiteOverlappingPodRanges() throws Exception {
        for (Ordinal o : ORDINALS) {
            // 8 connections: round robin over both of c's gateway replicas, four each
            assertThat(connect(o, 8)).as(o.hostname() + " at " + o.perPodAddress() + ":" + SERVICE_PORT)
                    .hasSize(8).containsOnly("ok " + o.hostname());
        }
    }

    @Test
    void aPerPodAddressOfAnEndpointTheServingClusterDoesNotListIsRefusedNotServedByAnotherPod() throws Exception {
        assertThat(connect(NOT_IN_SERVING_PLAN, 4)).hasSize(4).allMatch(a -> a.startsWith("fail "));
    }
}
