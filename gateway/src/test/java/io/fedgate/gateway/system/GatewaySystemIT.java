package io.fedgate.gateway.system;

import static io.fedgate.gateway.testing.Plans.direct;
import static io.fedgate.gateway.testing.Plans.peer;
import static io.fedgate.gateway.testing.Plans.plan;
import static io.fedgate.gateway.testing.Plans.serviceImport;
import static io.fedgate.gateway.testing.Plans.viaGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TestPki;
import io.fedgate.gateway.system.NetnsHarness.NetnsProcess;
import io.fedgate.gateway.testing.DelayingRelay;
import io.fedgate.gateway.testing.EchoBackend;
import io.fedgate.gateway.testing.FlowClient;
import io.fedgate.gateway.testing.GatewayProcessMain;
import io.fedgate.gateway.testing.Plans;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * System tier: three clusters as network namespaces (test-env/netns/fgt-netns.sh). Clusters a and b serve
 * {@code demo/echo} from the same backend address 198.19.0.10 (overlap) with two gateway processes each; cluster
 * c has two gateway processes and the client. Faults are real: {@code kill -9} of a gateway process, a cluster's
 * link set down, a delaying relay in front of b's gateways.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySystemIT {
    private static final ServiceKey ECHO = new ServiceKey("demo", "echo");
    private static final int SERVICE_PORT = 7000;
    private static final int BACKEND_PORT = 8080;
    private static final long HOLD_DOWN_MILLIS = 1000;
    /** Memory bound for 10,000 idle flows: RSS growth per flow of the client-side and serving gateways. */
    private static final long MAX_RSS_KIB_PER_IDLE_FLOW = 8;
    private static final String[] GATEWAYS = {"a1", "a2", "b1", "b2", "c1", "c2"};

    private static NetnsHarness harness;
    private static Path dir;
    private static final Map<String, NetnsProcess> gateways = new HashMap<>();
    private static long planVersion = 1;
    private static int listenerPort;

    @BeforeAll
    static void buildClusters() throws Exception {
        String reason = NetnsHarness.unavailableReason();
        Assumptions.assumeTrue(reason == null, "system tier skipped: " + reason);
        harness = new NetnsHarness();
        harness.up();
        dir = Files.createTempDirectory("fgt-system");
        TestPki pki = TestPki.create();
        for (String cluster : List.of("a", "b", "c")) {
            pki.issueTo(dir.resolve("cert-" + cluster), cluster, Component.GATEWAY);
        }
        writeServingPlan("a");
        writeServingPlan("b");
        writeClientPlan(new TrafficPolicy(LoadBalancing.WEIGHTED, List.of()), 70, 30, 0, 0, false);
        NetnsProcess backendA = harness.java("a", "64m", EchoBackend.class, "198.19.0.10", "" + BACKEND_PORT, "a");
        NetnsProcess backendB = harness.java("b", "64m", EchoBackend.class, "198.19.0.10", "" + BACKEND_PORT, "b");
        for (String gw : GATEWAYS) {
            String cluster = gw.substring(0, 1);
            gateways.put(gw, harness.java(cluster, "256m", GatewayProcessMain.class, cluster, gw,
                    dir.resolve("cert-" + cluster).toString(), planFile(cluster).toString(), address(gw),
                    "" + HOLD_DOWN_MILLIS));
        }
        backendA.await("READY", Duration.ofSeconds(30));
        backendB.await("READY", Duration.ofSeconds(30));
        for (String gw : GATEWAYS) {
            gateways.get(gw).await("READY", Duration.ofSeconds(30));
        }
        awaitAllServed(Duration.ofSeconds(30));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static String address(String gateway) {
        int cluster = gateway.charAt(0) - 'a' + 1;
        return "198.18." + cluster + "." + (10 + gateway.charAt(1) - '0');
    }

    private static Path planFile(String cluster) {
        return dir.resolve("plan-" + cluster + ".json");
    }

    private static GatewayEndpoint endpoint(String gateway) {
        return new GatewayEndpoint(gateway, address(gateway), GatewayProcessMain.TUNNEL_PORT);
    }

    private static void writeServingPlan(String cluster) {
        Plans.write(planFile(cluster), plan(cluster, planVersion++,
                List.of(serviceImport(ECHO, SERVICE_PORT, TrafficPolicy.DEFAULT,
                        direct(cluster, "r-" + cluster, 1, 0, "198.19.0.10", BACKEND_PORT, SERVICE_PORT))),
                List.of(peer("c", endpoint("c1"), endpoint("c2")))));
    }

    /** Cluster c's plan; with {@code slowB} its tunnels to b go through the delaying relay in the wan. */
    private static void writeClientPlan(TrafficPolicy policy, int weightA, int weightB, int priorityA, int priorityB,
                                        boolean slowB) {
        GatewayEndpoint[] b = slowB
                ? new GatewayEndpoint[] {new GatewayEndpoint("b1", "198.18.9.1", 16001),
                    new GatewayEndpoint("b2", "198.18.9.1", 16002)}
                : new GatewayEndpoint[] {endpoint("b1"), endpoint("b2")};
        ClusterPlan plan = plan("c", planVersion++, List.of(serviceImport(ECHO, SERVICE_PORT, policy,
                        viaGateway("a", "r-a", weightA, priorityA), viaGateway("b", "r-b", weightB, priorityB))),
                List.of(peer("a", endpoint("a1"), endpoint("a2")), peer("b", b)));
        listenerPort = GatewayListenerPorts.DEFAULT.assign(plan).get(new GatewayListenerPorts.Listener(ECHO,
                SERVICE_PORT));
        Plans.write(planFile("c"), plan);
    }

    /** Runs the rate client in c against c1's listener; returns its per-connection lines. */
    private static List<String> clientRun(int perSecond, long millis) throws Exception {
        NetnsProcess client = harness.java("c", "128m", FlowClient.class, "rate", address("c1"), "" + listenerPort,
                "" + perSecond, "" + millis);
        return client.linesUntil("DONE", Duration.ofMillis(millis + 30_000)).stream()
                .filter(l -> l.matches("\\d+ (ok|fail) .*")).collect(Collectors.toList());
    }

    private static void awaitAllServed(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < end) {
            lines = clientRun(20, 500);
            if (!lines.isEmpty() && lines.stream().allMatch(l -> l.contains(" ok "))) {
                return;
            }
        }
        throw new AssertionError("gateways never served every connection; last run: " + lines);
    }

    private static Map<String, Long> servedBy(List<String> lines) {
        return lines.stream().map(l -> l.split(" ")).collect(Collectors.groupingBy(
                f -> f[1].equals("ok") ? f[2] : "fail", Collectors.counting()));
    }

    @Test
    @Order(1)
    void weightedSplitFollowsThePolicy() throws Exception {
        List<String> lines = clientRun(200, 2500);
        Map<String, Long> served = servedBy(lines);
        assertThat(served).doesNotContainKey("fail");
        assertThat(lines).hasSizeGreaterThan(400);
        assertThat(served.get("a") / (double) lines.size()).isCloseTo(0.70, within(0.08));
        assertThat(served.get("b") / (double) lines.size()).isCloseTo(0.30, within(0.08));
    }

    @Test
    @Order(2)
    void leastLatencyAvoidsTheSlowPeer() throws Exception {
        NetnsProcess relay = harness.java("wan", "64m", DelayingRelay.class, "25",
                "198.18.9.1:16001=" + address("b1") + ":" + GatewayProcessMain.TUNNEL_PORT,
                "198.18.9.1:16002=" + address("b2") + ":" + GatewayProcessMain.TUNNEL_PORT);
        relay.await("READY", Duration.ofSeconds(20));
        writeClientPlan(new TrafficPolicy(LoadBalancing.LEAST_LATENCY, List.of()), 50, 50, 0, 0, true);
        Thread.sleep(3000);
        List<String> lines = clientRun(100, 2000);
        Map<String, Long> served = servedBy(lines);
        assertThat(served).doesNotContainKey("fail");
        assertThat(served.getOrDefault("a", 0L) / (double) lines.size()).isGreaterThanOrEqualTo(0.95);
        relay.process.destroyForcibly();
    }

    /** How close to the link cut a flow must start to count as in flight through the cut link. */
    private static final long IN_FLIGHT_AT_CUT_MILLIS = 100;

    @Test
    @Order(3)
    void linkDownMovesTrafficWithinASecondAndItReturnsWithoutFlapping() throws Exception {
        writeClientPlan(new TrafficPolicy(LoadBalancing.PRIORITY_FAILOVER, List.of("a", "b")), 1, 1, 0, 1, false);
        awaitAllServed(Duration.ofSeconds(20));
        NetnsProcess client = harness.java("c", "128m", FlowClient.class, "rate", address("c1"), "" + listenerPort,
                "100", "14000");
        client.await("", Duration.ofSeconds(10));
        Thread.sleep(2000);
        long down = System.currentTimeMillis();
        harness.link("a", false);
        Thread.sleep(3000);
        long up = System.currentTimeMillis();
        harness.link("a", true);
        List<String> lines = client.linesUntil("DONE", Duration.ofSeconds(40)).stream()
                .filter(l -> l.matches("\\d+ (ok|fail) .*")).toList();

        List<String> afterMove = lines.stream().filter(l -> at(l) >= down + 1000 && at(l) < up).toList();
        assertThat(afterMove).isNotEmpty().allMatch(l -> l.endsWith(" ok b"));
        assertThat(lines.stream().filter(l -> at(l) < down - 200)).allMatch(l -> l.endsWith(" ok a"));
        long returned = lines.stream().filter(l -> at(l) > up && l.endsWith(" ok a")).mapToLong(GatewaySystemIT::at)
                .min().orElseThrow(() -> new AssertionError("traffic never returned to a after the link came back"));
        assertThat(returned - up).as("hold-down after recovery").isGreaterThanOrEqualTo(HOLD_DOWN_MILLIS - 100);
        assertThat(lines.stream().filter(l -> at(l) > returned + 50)).as("no flapping back to b")
                .allMatch(l -> l.endsWith(" ok a"));
        // A flow whose stream was already open through a's link when it was cut cannot be moved (its bytes
        // are in flight); every flow that started outside that instant must succeed.
        assertThat(lines).as("failed connections, other than flows in flight when the link was cut")
                .noneMatch(l -> l.contains(" fail ") && Math.abs(at(l) - down) > IN_FLIGHT_AT_CUT_MILLIS);
    }

    @Test
    @Order(4)
    void killingOneGatewayOfAClusterFailsNoNewConnection() throws Exception {
        NetnsProcess client = harness.java("c", "128m", FlowClient.class, "rate", address("c1"), "" + listenerPort,
                "200", "4000");
        client.await("", Duration.ofSeconds(10));
        Thread.sleep(1500);
        Process a1 = gateways.get("a1").process;
        a1.destroyForcibly();
        assertThat(a1.waitFor(10, TimeUnit.SECONDS)).as("a1 exited after kill -9").isTrue();
        long exited = System.currentTimeMillis();
        List<String> lines = client.linesUntil("DONE", Duration.ofSeconds(40)).stream()
                .filter(l -> l.matches("\\d+ (ok|fail) .*")).toList();
        // A flow whose stream a1 had already answered when it died cannot be saved (its bytes were with a1); every
        // flow started after a1 had exited (its sockets closed) must be carried by a2.
        assertThat(lines).hasSizeGreaterThan(500)
                .allMatch(l -> l.endsWith(" ok a") || at(l) < exited && l.contains(" fail "));
        assertThat(lines.stream().filter(l -> at(l) >= exited)).as("flows started after a1 exited")
                .hasSizeGreaterThan(300).allMatch(l -> l.endsWith(" ok a"));
    }

    @Test
    @Order(5)
    void tenThousandIdleFlowsStayWithinTheMemoryBound() throws Exception {
        long clientSideBefore = NetnsHarness.rssKib(gateways.get("c1").pid());
        long servingBefore = NetnsHarness.rssKib(gateways.get("a2").pid());
        NetnsProcess holder = harness.java("c", "256m", FlowClient.class, "hold", address("c1"), "" + listenerPort,
                "10000");
        String held = holder.await("HELD", Duration.ofMinutes(2));
        assertThat(held).isEqualTo("HELD 10000 FAILED 0");
        long clientSide = NetnsHarness.rssKib(gateways.get("c1").pid()) - clientSideBefore;
        long serving = NetnsHarness.rssKib(gateways.get("a2").pid()) - servingBefore;
        System.out.printf("10000 idle flows: RSS growth c1 %d KiB (%d B/flow), a2 %d KiB (%d B/flow)%n", clientSide,
                clientSide * 1024 / 10000, serving, serving * 1024 / 10000);
        assertThat(clientSide).isLessThanOrEqualTo(10000 * MAX_RSS_KIB_PER_IDLE_FLOW);
        assertThat(serving).isLessThanOrEqualTo(10000 * MAX_RSS_KIB_PER_IDLE_FLOW);
        holder.process.getOutputStream().close();
        holder.process.waitFor();
    }

    /** Held flows through the gateway that is frozen; all of them go through a2 (a1 is dead since order 4). */
    private static final int FLOWS_THROUGH_FROZEN = 50;

    @Test
    @Order(6)
    void aGatewayThatStopsAnsweringForAMomentKeepsTheFlowsItCarries() throws Exception {
        NetnsProcess holder = harness.java("c", "128m", FlowClient.class, "hold", address("c1"), "" + listenerPort,
                "" + FLOWS_THROUGH_FROZEN);
        assertThat(holder.await("HELD", Duration.ofMinutes(1))).isEqualTo("HELD " + FLOWS_THROUGH_FROZEN + " FAILED 0");
        NetnsProcess c1 = gateways.get("c1");
        c1.lines.clear();
        long a2 = gateways.get("a2").pid();
        // frozen past the PING timeout (600 ms), thawed well before the connection would be given up (3 s)
        NetnsHarness.signal(a2, "STOP");
        try {
            c1.awaitContaining("peer=a2 (" + address("a2") + ":" + GatewayProcessMain.TUNNEL_PORT
                    + ") tunnel unresponsive", Duration.ofSeconds(2));
        } finally {
            NetnsHarness.signal(a2, "CONT");
        }
        c1.awaitContaining("peer=a2 (" + address("a2") + ":" + GatewayProcessMain.TUNNEL_PORT
                + ") tunnel responsive again", Duration.ofSeconds(10));

        PrintStream commands = new PrintStream(holder.process.getOutputStream(), true, StandardCharsets.US_ASCII);
        commands.println("CHECK");
        assertThat(holder.await("CHECKED", Duration.ofSeconds(30))).isEqualTo("CHECKED " + FLOWS_THROUGH_FROZEN
                + " FAILED 0");
        commands.close();
        holder.process.waitFor();
    }

    private static long at(String line) {
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }
}
