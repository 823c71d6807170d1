package io.fedgate.gateway;

import static io.fedgate.gateway.testing.Plans.direct;
import static io.fedgate.gateway.testing.Plans.peer;
import static io.fedgate.gateway.testing.Plans.plan;
import static io.fedgate.gateway.testing.Plans.serviceImport;
import static io.fedgate.gateway.testing.Plans.viaGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TestPki;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.testing.EchoBackend;
import io.fedgate.gateway.testing.EchoClient;
import io.fedgate.gateway.testing.LoopbackGateways;
import io.fedgate.gateway.testing.Plans;
import io.fedgate.gateway.testing.RawTlsClient;
import io.fedgate.gateway.testing.RecordingAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real gateways (clusters east and west) on loopback with mutual-TLS HTTP/2 tunnels, and a real backend
 * in west: east listens for west's imports and carries them through its tunnel.
 */
class GatewayTunnelIT {
    private static final ServiceKey ECHO = new ServiceKey("bank", "echo");
    private static final ServiceKey GHOST = new ServiceKey("bank", "ghost");
    private static final ServiceKey OTHER = new ServiceKey("bank", "other");
    private static final ServiceKey FLAKY = new ServiceKey("bank", "flaky");
    private static final int PORT = 7000;

    @TempDir
    Path dir;
    private final TestPki pki = TestPki.create();
    private LoopbackGateways gateways;
    private EchoBackend westBackend;
    private GatewayServer east;
    private GatewayServer west;
    private RecordingAppender log;

    @BeforeEach
    void startTwoClusters() throws Exception {
        log = RecordingAppender.attach();
        gateways = new LoopbackGateways(pki, dir);
        westBackend = new EchoBackend("west", new InetSocketAddress("127.0.0.1", 0));
        west = gateways.start("west", "west-gw-1");
        east = gateways.start("east", "east-gw-1");
        writeWestPlan(1, ECHO);
        writeEastPlan(1, List.of(importViaWest(ECHO)));
        await().atMost(Duration.ofSeconds(10)).until(() -> east.ready() && west.ready());
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> "west".equals(EchoClient.servedBy(listener(ECHO), 2000)));
    }

    @AfterEach
    void stop() {
        gateways.close();
        westBackend.close();
        log.close();
    }

    private void writeWestPlan(long version, ServiceKey... served) {
        List<ServiceImport> imports = new ArrayList<>();
        for (ServiceKey key : served) {
            imports.add(serviceImport(key, PORT, TrafficPolicy.DEFAULT,
                    direct("west", "eu", 1, 0, "127.0.0.1", westBackend.address().getPort(), PORT)));
        }
        Plans.write(gateways.planFile("west-gw-1"), plan("west", version, imports,
                List.of(peer("east", LoopbackGateways.endpointOf("east-gw-1", east)))));
    }

    private void writeEastPlan(long version, List<ServiceImport> imports) {
        Plans.write(gateways.planFile("east-gw-1"), plan("east", version, imports,
                List.of(peer("west", LoopbackGateways.endpointOf("west-gw-1", west)))));
    }

    private static ServiceImport importViaWest(ServiceKey key) {
        return serviceImport(key, PORT, TrafficPolicy.DEFAULT, viaGateway("west", "eu", 1, 0));
    }

    private InetSocketAddress listener(ServiceKey key) {
        return east.listenerAddress(key, PORT).orElseThrow();
    }

    @Test
    void bytesFlowBothWaysThroughTheTunnel() throws Exception {
        byte[] data = new byte[4 << 20];
        new Random(7).nextBytes(data);
        try (EchoClient client = new EchoClient(listener(ECHO), 10_000)) {
            assertThat(client.greeting()).isEqualTo("west");
            byte[] back = client.echo(data);
            assertThat(firstDifference(back, data)).as("first differing byte of %s", data.length).isEqualTo(-1);
            assertThat(client.finish()).isTrue();
        }
    }

    @Test
    void peerWithCertificateOfAnotherCaIsRefusedAndLogged() throws Exception {
        TestPki impostorCa = TestPki.create();
        TlsMaterial impostor = impostorCa.issue("east", Component.GATEWAY)
                .withTrustAnchors(List.of(pki.ca().certificate()));
        try (SSLSocket socket = RawTlsClient.connect(impostor, west.tunnelAddress())) {
            assertThat(RawTlsClient.closedByPeer(socket)).isTrue();
        } catch (IOException handshakeRefused) {
            // the server may refuse during the handshake itself: also a refusal
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log.anyLineContains("cluster=west role=server", "refused", "TLS handshake failed"));
        assertThat(EchoClient.servedBy(listener(ECHO), 5000)).isEqualTo("west");
    }

    @Test
    void peerNotInThePlanIsRefusedAndLogged() throws Exception {
        TlsMaterial north = pki.issue("north", Component.GATEWAY);
        try (SSLSocket socket = RawTlsClient.connect(north, west.tunnelAddress())) {
            assertThat(RawTlsClient.closedByPeer(socket)).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> log.anyLineContains("cluster=west role=server",
                "refused (WRONG_CLUSTER)", "spiffe://test-set/cluster/north/gateway", "plan version 1"));
        assertThat(EchoClient.servedBy(listener(ECHO), 5000)).isEqualTo("west");
    }

    @Test
    void streamNamingTargetNotInThePlanIsRefusedAndLogged() throws Exception {
        writeEastPlan(2, List.of(importViaWest(ECHO), importViaWest(GHOST)));
        await().atMost(Duration.ofSeconds(5)).until(() -> east.listenerAddress(GHOST, PORT).isPresent());
        assertThat(EchoClient.servedBy(listener(GHOST), 5000)).isNull();
        assertThat(log.anyLineContains("cluster=west", "import=bank/ghost:7000", "planVersion=1",
                "stream refused (404)", "bank/ghost is not served by cluster west")).isTrue();
        assertThat(log.anyLineContains("cluster=east", "import=bank/ghost:7000", "flow refused")).isTrue();
        assertThat(EchoClient.servedBy(listener(ECHO), 5000)).isEqualTo("west");
    }

    @Test
    void malformedFramesAfterTheHandshakeAreRejectedAndLogged() throws Exception {
        try (SSLSocket socket = RawTlsClient.connect(pki.issue("east", Component.GATEWAY), west.tunnelAddress())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 4, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
            out.flush();
            assertThat(RawTlsClient.closedByPeer(socket)).isTrue();
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log.anyLineContains("cluster=west peerCluster=east", "protocol error"));
        assertThat(EchoClient.servedBy(listener(ECHO), 5000)).isEqualTo("west");
    }

    @Test
    void gracefulDrainLetsAnOpenFlowFinishAndRefusesNewOnes() throws Exception {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        try (EchoClient open = new EchoClient(listener(ECHO), 5000)) {
            assertThat(open.echo(hello)).isEqualTo(hello);
            CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> west.drain(Duration.ofSeconds(20)));
            await().atMost(Duration.ofSeconds(5)).until(() -> !west.ready());
            assertThat(open.echo(hello)).isEqualTo(hello);
            await().atMost(Duration.ofSeconds(5)).until(() -> EchoClient.servedBy(listener(ECHO), 2000) == null);
            assertThat(drained).isNotDone();
            assertThat(open.finish()).isTrue();
            drained.get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void planChangesAddAndRemoveListenersWithoutDroppingOpenFlows() throws Exception {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        try (EchoClient open = new EchoClient(listener(ECHO), 5000)) {
            writeWestPlan(2, ECHO, OTHER);
            writeEastPlan(2, List.of(importViaWest(ECHO), importViaWest(OTHER)));
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> "west".equals(EchoClient.servedBy(listener(OTHER), 2000)));
            assertThat(open.echo(hello)).isEqualTo(hello);

            writeEastPlan(3, List.of(importViaWest(OTHER)));
            await().atMost(Duration.ofSeconds(5)).until(() -> east.listenerAddress(ECHO, PORT).isEmpty());
            assertThat(east.planVersion()).isEqualTo(3);
            assertThat(open.echo(hello)).isEqualTo(hello);
            assertThat(EchoClient.servedBy(listener(OTHER), 5000)).isEqualTo("west");
        }
    }

    @Test
    void failedAttemptIsRetriedOnTheNextClusterAndTheDeadEndpointEjected() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        writeWestPlan(2, ECHO, FLAKY);
        writeEastPlan(2, List.of(importViaWest(ECHO), serviceImport(FLAKY, PORT, TrafficPolicy.DEFAULT,
                direct("east", "eu", 1, 0, "127.0.0.1", closedPort, PORT), viaGateway("west", "eu", 1, 1))));
        await().atMost(Duration.ofSeconds(5)).until(() -> east.listenerAddress(FLAKY, PORT).isPresent());
        for (int i = 0; i < 4; i++) {
            assertThat(EchoClient.servedBy(listener(FLAKY), 5000)).isEqualTo("west");
        }
        String metrics = east.scrapeMetrics();
        assertThat(metrics).containsPattern("fedgate_lb_failovers_total\\{[^}]*from_cluster=\"east\"[^}]*"
                + "service=\"bank/flaky\"[^}]*to_cluster=\"west\"[^}]*} 4\\.0");
        assertThat(metrics).containsPattern("fedgate_lb_ejections_total\\{[^}]*peer_cluster=\"east\"[^}]*"
                + "service=\"bank/flaky\"[^}]*} 1\\.0");
    }

    @Test
    void adminEndpointServesMetricsAndProbes() throws Exception {
        assertThat(EchoClient.servedBy(listener(ECHO), 5000)).isEqualTo("west");
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + east.adminAddress().getPort();
        assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(http, base + "/readyz").statusCode()).isEqualTo(200);
        assertThat(get(http, base + "/nope").statusCode()).isEqualTo(404);
        String metrics = get(http, base + "/metrics").body();
        assertThat(metrics)
                .contains("fedgate_tunnel_up{cluster=\"east\",peer=\"west-gw-1\",peer_cluster=\"west\"} 1.0")
                .containsPattern("fedgate_tunnel_rtt_seconds_bucket\\{cluster=\"east\",peer=\"west-gw-1\",peer_cluster=\"west\","
                        + "le=\"[0-9.E-]+\"} [1-9]")
                .contains("fedgate_tunnel_bytes_total{cluster=\"east\",direction=\"rx\",peer=\"west-gw-1\"")
                .contains("fedgate_tunnel_streams_active{cluster=\"east\",peer=\"west-gw-1\",peer_cluster=\"west\"}")
                .containsPattern("fedgate_lb_connections_total\\{cluster=\"east\",service=\"bank/echo\","
                        + "to_cluster=\"west\"} [1-9]")
                .contains("fedgate_lb_healthy_clusters{cluster=\"east\",service=\"bank/echo\"} 1.0");
        west.drain(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> get(http, base + "/metrics").body()
                .contains("fedgate_tunnel_up{cluster=\"east\",peer=\"west-gw-1\",peer_cluster=\"west\"} 0.0"));
        assertThatThrownBy(() -> get(http, "http://127.0.0.1:" + west.adminAddress().getPort() + "/healthz"))
                .isInstanceOf(IOException.class);
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int index = java.util.Arrays.mismatch(a, b);
        if (index >= 0) {
            int found = -1;
            for (int i = 0; i + 64 <= b.length && found < 0; i++) {
                if (java.util.Arrays.equals(a, index, index + 64, b, i, i + 64)) {
                    found = i;
                }
            }
            throw new AssertionError("differ at " + index + "; the 64 bytes received there were sent at " + found);
        }
        return index;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
