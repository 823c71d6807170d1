package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.cli.wiring.HubIdentity;
import io.fedgate.gateway.GatewayConfig;
import io.fedgate.gateway.GatewayServer;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.HubPlanSource;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.HubTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways renew their certificates against the real hub without dropping flows: the hub issues 20-second
 * certificates, agents and gateways renew with 8 seconds left. north consumes east's service through the
 * gateways (north runs another CNI); a flow opened with the first certificates keeps working after they
 * expired, the tunnel is replaced by one resting on the renewed certificates, and the hub refuses the first one.
 */
class GatewayCertificateRenewalIT {
    private static final Path TOPOLOGY = Path.of("..", "topology-examples", "three-cluster-active-active.yaml");
    private static final Duration VALIDITY = Duration.ofSeconds(20);
    /** Renew with 8 s left: the fraction is negligible next to the 5-minute backdating of notBefore. */
    private static final RotationPolicy RENEW_WITH_8S_LEFT = new RotationPolicy(0.001, Duration.ofSeconds(8));
    private static final Duration CONVERGED = Duration.ofSeconds(10);
    private static final GatewayTuning TUNING = GatewayTuning.DEFAULT.withHoldDown(Duration.ofSeconds(1))
            .withDrainTimeout(Duration.ofSeconds(1)).withEventLoopThreads(2);
    private static final ServiceKey PAYMENTS = new ServiceKey("bank", "payments");
    private static final ServicePort HTTPS = new ServicePort("https", 8443, Protocol.TCP, null);
    /** Loopback addresses of this test: 127.79.{cluster}.1 gateway, .10 backend. */
    private static final String EAST_GATEWAY = "127.79.1.1";
    private static final String EAST_BACKEND = "127.79.1.10";
    private static final String NORTH_GATEWAY = "127.79.3.1";

    @TempDir
    Path workDir;

    @AutoClose
    private RenewingClusterSet set;

    @Test
    void gatewayRenewsBeforeExpiryKeepsFlowsAndPresentsTheNewCertificateOnNewTunnels() throws Exception {
        set = new RenewingClusterSet(TOPOLOGY, VALIDITY, RENEW_WITH_8S_LEFT, workDir);
        set.closing(new EchoBackend(new InetSocketAddress(EAST_BACKEND, HTTPS.port())));
        LocalCluster east = set.cluster("east", List.of(EAST_GATEWAY));
        set.cluster("north", List.of(NORTH_GATEWAY));
        east.seed().service(PAYMENTS, ImportType.CLUSTER_SET_IP, List.of(HTTPS), "10.96.0.10");
        east.seed().endpoints(PAYMENTS, List.of(HTTPS), Map.of(EAST_BACKEND, true));
        east.seed().export(PAYMENTS, Map.of());
        GatewayServer eastGateway = gateway("east", EAST_GATEWAY);
        GatewayServer northGateway = gateway("north", NORTH_GATEWAY);
        TlsMaterial eastFirst = eastGateway.certificate();
        TlsMaterial northFirst = northGateway.certificate();
        Instant firstExpiry = earlier(eastFirst, northFirst);

        await().atMost(CONVERGED).until(() -> northGateway.listenerAddress(PAYMENTS, HTTPS.port()).isPresent());
        InetSocketAddress listener = northGateway.listenerAddress(PAYMENTS, HTTPS.port()).orElseThrow();
        await().atMost(CONVERGED).ignoreExceptions().until(() -> echoOnce(listener, "first"));
        try (EchoFlow longLived = new EchoFlow(listener)) {
            assertThat(longLived.echo("opened")).isEqualTo("opened");
            assertThat(eastGateway.certificate().certificate().getSerialNumber())
                    .as("the flow opened before the renewal (else make VALIDITY longer)")
                    .isEqualTo(eastFirst.certificate().getSerialNumber());

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstExpiry).toMillis()) + 1500);

            assertThat(longLived.echo("after-expiry")).as("a flow through the tunnel made with the first "
                    + "certificates works after they expired").isEqualTo("after-expiry");
        }
        assertThat(echoOnce(listener, "new-flow")).isTrue();
        assertRenewed(eastGateway, eastFirst, set.certDir("east", "gateway"));
        assertRenewed(northGateway, northFirst, set.certDir("north", "gateway"));

        X509Certificate seen = serverCertificateSeenBy(northGateway.certificate(),
                new InetSocketAddress(EAST_GATEWAY, ClusterSeed.TUNNEL_PORT));
        assertThat(seen).as("a tunnel accepted after the renewal presents the renewed certificate")
                .isEqualTo(eastGateway.certificate().certificate());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tunnelCertificateSecondsLeft(
                northGateway, "east")).as("north's tunnel to east was replaced by one resting on renewed "
                + "certificates (the first ones have expired)").isPositive());
        assertThat(northGateway.scrapeMetrics()).contains(MetricNames.CERT_RENEWAL_FAILURES_TOTAL
                + "{cluster=\"north\"} 0.0");
        assertThat(northGateway.ready()).isTrue();

        try (HubClient withFirst = HubClient.builder().hubs(set.hub().urls()).identity(eastFirst).build()) {
            assertThatThrownBy(() -> withFirst.getPlan("east")).as("the hub refuses the first gateway certificate")
                    .isInstanceOf(HubRequestException.class).hasMessageContaining("401");
        }
    }

    @Test
    void failedRenewalsAreCountedAndRetriedAndTheGatewayStaysReadyUntilItsCertificateExpires() throws Exception {
        set = new RenewingClusterSet(TOPOLOGY, Duration.ofSeconds(14), RENEW_WITH_8S_LEFT, workDir);
        set.cluster("east", List.of(EAST_GATEWAY));
        GatewayServer gateway = gateway("east", EAST_GATEWAY);
        TlsMaterial first = gateway.certificate();
        await().atMost(CONVERGED).until(gateway::ready);

        set.hub().stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> renewalFailures(gateway) >= 2);
        assertThat(gateway.certificate()).as("the first renewal was due after the hub stopped").isEqualTo(first);
        assertThat(readyz(gateway)).as("ready while the certificate is valid").isEqualTo("200 ready");
        Instant expiry = first.certificate().getNotAfter().toInstant();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 500);
        assertThat(readyz(gateway)).startsWith("503 certificate serial "
                + first.certificate().getSerialNumber().toString(16) + " expired at " + expiry);
    }

    private static double renewalFailures(GatewayServer gateway) {
        Matcher m = Pattern.compile("^" + MetricNames.CERT_RENEWAL_FAILURES_TOTAL + "\\{cluster=\"[^\"]+\"} (\\S+)$",
                Pattern.MULTILINE).matcher(gateway.scrapeMetrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The admin endpoint's /readyz answer: status and body. */
    private static String readyz(GatewayServer gateway) throws IOException, InterruptedException {
        InetSocketAddress admin = gateway.adminAddress();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + admin.getPort() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }

    private static void assertRenewed(GatewayServer gateway, TlsMaterial first, Path certDir) {
        TlsMaterial now = gateway.certificate();
        assertThat(now.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(now.certificate().getNotAfter()).isAfter(first.certificate().getNotAfter());
        assertThat(now.identity()).isEqualTo(first.identity());
        assertThat(TlsMaterial.load(certDir).certificate()).as("the renewed certificate is saved for the next start")
                .isEqualTo(now.certificate());
    }

    /** A gateway as {@code fedgate gateway --hub} runs it: joining with a token, renewing in its cert dir. */
    private GatewayServer gateway(String clusterId, String address) throws IOException {
        Path certDir = set.certDir(clusterId, "gateway");
        LocalHub hub = set.hub();
        HubPlanSource source = HubIdentity.gatewayPlanSource(hub.urls(), clusterId,
                hub.token(clusterId, Component.GATEWAY), hub.caFile(), certDir, RENEW_WITH_8S_LEFT);
        InetAddress listen = InetAddress.getByName(address);
        GatewayServer gateway = GatewayServer.start(new GatewayConfig(clusterId, clusterId + "-gw",
                TlsMaterial.load(certDir), listen, GatewayListenerPorts.DEFAULT,
                new InetSocketAddress(listen, ClusterSeed.TUNNEL_PORT),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Set.of(), TUNING), source);
        set.closing(() -> gateway.drain(Duration.ZERO));
        return gateway;
    }

    private static Instant earlier(TlsMaterial a, TlsMaterial b) {
        Instant x = a.certificate().getNotAfter().toInstant();
        Instant y = b.certificate().getNotAfter().toInstant();
        return x.isBefore(y) ? x : y;
    }

    private static boolean echoOnce(InetSocketAddress listener, String line) throws IOException {
        try (EchoFlow flow = new EchoFlow(listener)) {
            return line.equals(flow.echo(line));
        }
    }

    /** {@code fedgate_tunnel_cert_expiry_seconds} of the gateway's tunnel to {@code peerCluster}. */
    private static double tunnelCertificateSecondsLeft(GatewayServer gateway, String peerCluster) {
        Matcher m = Pattern.compile("^" + MetricNames.TUNNEL_CERT_EXPIRY_SECONDS + "\\{[^}]*peer_cluster=\""
                + peerCluster + "\"[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(gateway.scrapeMetrics());
        assertThat(m.find()).as(MetricNames.TUNNEL_CERT_EXPIRY_SECONDS + " for " + peerCluster).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The certificate the tunnel listener at {@code tunnel} presents to a peer gateway presenting {@code as}. */
    private static X509Certificate serverCertificateSeenBy(TlsMaterial as, InetSocketAddress tunnel)
            throws IOException {
        try (SSLSocket socket = (SSLSocket) HubTls.sslContext(as).getSocketFactory().createSocket()) {
            socket.connect(tunnel, 2000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** One client connection through the gateway path: sends lines, reads them back. */
    private static final class EchoFlow implements AutoCloseable {
        private final Socket socket = new Socket();
        private final BufferedReader in;
        private final OutputStream out;

        EchoFlow(InetSocketAddress listener) throws IOException {
            socket.connect(listener, 2000);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        String echo(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A backend that echoes every line, one thread per connection. */
    private static final class EchoBackend implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();

        EchoBackend(InetSocketAddress address) throws IOException {
            server.setReuseAddress(true);
            server.bind(address);
            Thread acceptor = new Thread(this::accept, "echo-backend " + address);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    Thread serve = new Thread(() -> echo(connection), "echo " + connection.getRemoteSocketAddress());
                    serve.setDaemon(true);
                    serve.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket connection) {
            try (connection) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = connection.getOutputStream();
                String line;
                while ((line = in.readLine()) != null) {
                    out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
