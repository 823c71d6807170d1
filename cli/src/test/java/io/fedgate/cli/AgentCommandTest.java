package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.HubEvents;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.HubLinkException;
import io.fedgate.agent.spi.PlanWatch;
import io.fedgate.agent.spi.SendResult;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.cli.wiring.OvnConnection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentCommandTest {
    @TempDir
    Path dir;

    private final List<AgentCommand.HubSettings> connected = new CopyOnWriteArrayList<>();
    private final List<OvnConnection> ovnConnections = new CopyOnWriteArrayList<>();
    private final AgentCommand command = newCommand();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void badFlagsAreUsageErrorsNamingFlagAndValue() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "t");

        assertUsageError("--hub: \"http://hub:80\" must be an https:// URL with a host", "--hub=http://hub:80");
        assertUsageError("--cluster-id: \"East_1\" is not an RFC 1123 DNS label", "--cluster-id=East_1");
        assertUsageError("--token-file needs --hub-ca-file", "--token-file=" + token);
        assertUsageError("--token-file: " + dir.resolve("nope") + " does not exist", "--token-file=" + dir.resolve("nope"),
                "--hub-ca-file=" + token);
        assertUsageError("--ovn-nb is required unless --kube-ovn=false", "--kube-ovn=true");
        assertUsageError("--ovn-nb cannot be combined with --kube-ovn=false", "--kube-ovn=false", "--ovn-nb=tcp:x:6641");
        assertUsageError("--gateway-service: \"gateways\" is not namespace/name", "--kube-ovn=false",
                "--gateway-service=gateways");
        assertUsageError("--service-cidr: \"10.96.0.0/33\" is not a CIDR", "--kube-ovn=false",
                "--service-cidr=10.96.0.0/33");
        assertUsageError("--gateway-listener-ports \"30000-20000\": last port (20000) must be in 30000..65535",
                "--kube-ovn=false", "--gateway-listener-ports=30000-20000");
        assertUsageError("--log-level: \"loud\" is not one of", "--kube-ovn=false", "--log-level=loud");
        assertUsageError("--interconnect-mode: \"ovn\" is neither \"kube-ovn\" nor \"fedgate\"", "--kube-ovn=false",
                "--interconnect-mode=ovn");
        assertUsageError("--interconnect-observe-interval \"10ms\" is shorter than 100ms", "--kube-ovn=false",
                "--interconnect-observe-interval=10ms");
        assertUsageError("--interconnect-observe-interval \"often\" is not a duration", "--kube-ovn=false",
                "--interconnect-observe-interval=often");
        assertUsageError("--ovn-sb cannot be combined with --kube-ovn=false", "--kube-ovn=false",
                "--ovn-sb=tcp:127.0.0.1:6642");
        assertThat(connected).as("nothing connects before the flags are valid").isEmpty();
    }

    @Test
    void ovnTlsFlagsAreCheckedAtStart() throws Exception {
        Path tls = kubeOvnTls();
        String key = "--ovn-private-key=" + tls.resolve(TlsMaterial.KEY_FILE);
        String cert = "--ovn-certificate=" + tls.resolve(TlsMaterial.CERT_FILE);
        String ca = "--ovn-ca-cert=" + tls.resolve(TlsMaterial.TRUST_FILE);

        assertUsageError("--ovn-nb ssl:ovn-nb:6641 needs --ovn-private-key, --ovn-certificate and --ovn-ca-cert "
                + "(the kube-ovn-tls Secret's key, cert and cacert)", "--ovn-nb=ssl:ovn-nb:6641");
        assertUsageError("--ovn-ic-ssl needs --ovn-private-key", "--ovn-nb=tcp:ovn-nb:6641", "--ovn-ic-ssl");
        assertUsageError("--ovn-private-key, --ovn-certificate and --ovn-ca-cert go together", "--ovn-nb=ssl:x:6641", key);
        Files.delete(tls.resolve(TlsMaterial.KEY_FILE));
        assertUsageError("TLS private key file " + tls.resolve(TlsMaterial.KEY_FILE) + " does not exist or is not readable",
                "--ovn-nb=ssl:x:6641", key, cert, ca);
        Files.writeString(tls.resolve(TlsMaterial.KEY_FILE), "garbage");
        assertUsageError("TLS private key " + tls.resolve(TlsMaterial.KEY_FILE), "--ovn-nb=ssl:x:6641", key, cert, ca);
        assertUsageError("clusterRouter: \"Ovn_Cluster\" is not a Kubernetes object name", "--ovn-nb=tcp:x:6641",
                "--ovn-cluster-router=Ovn_Cluster");
        assertThat(connected).isEmpty();
    }

    /** Key, certificate and CA as Kube-OVN's kube-ovn-tls Secret holds them, in a directory. */
    private Path kubeOvnTls() {
        Path tls = dir.resolve("kube-ovn-tls");
        CertificateAuthority.create("ovn", Duration.ofDays(1), Clock.systemUTC())
                .issue(new ClusterIdentity("ovn", "east", Component.AGENT), Duration.ofDays(1), List.of(), List.of())
                .save(tls);
        return tls;
    }

    /** Only fedgate mode makes a zone programmer: in kube-ovn mode nothing exists that could write an IC row. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"fedgate, true", "kube-ovn, false"})
    void agentRunsWithTheChartsFlagsAndServesItsManagementPort(String mode, boolean programs) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                users: [{name: u, user: {token: t}}]
                """);
        Path token = Files.writeString(dir.resolve("token"), "join-token");
        Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----");
        Path ovnTls = kubeOvnTls();
        CommandLine cmd = commandLine(command);
        Thread run = new Thread(() -> cmd.execute("--hub=https://hub.example.com:443", "--cluster-id=east",
                "--kubeconfig=" + kubeconfig, "--token-file=" + token, "--hub-ca-file=" + ca, "--cert-dir=" + dir,
                "--field-manager=fedgate", "--gateway-service=fedgate-system/fedgate-gateway",
                "--ovn-nb=ssl:127.0.0.1:6641", "--ovn-private-key=" + ovnTls.resolve(TlsMaterial.KEY_FILE),
                "--ovn-certificate=" + ovnTls.resolve(TlsMaterial.CERT_FILE),
                "--ovn-ca-cert=" + ovnTls.resolve(TlsMaterial.TRUST_FILE), "--ovn-ic-ssl",
                "--ovn-cluster-router=my-router", "--interconnect-mode=" + mode,
                "--install-crds", "--metrics-port=0", "--log-level=warn"));
        run.start();
        try {
            Matcher port = Pattern.compile("management port (\\d+)").matcher("");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!port.reset(out.toString()).find()) {
                assertThat(System.nanoTime()).as("the agent announces its management port").isLessThan(deadline);
                Thread.sleep(50);
            }

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.group(1) + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.group(1) + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).as("no API server behind the kubeconfig").isEqualTo(503);
            assertThat(connected).singleElement().satisfies(settings -> {
                assertThat(settings.hub()).isEqualTo(URI.create("https://hub.example.com:443"));
                assertThat(settings.clusterId()).isEqualTo("east");
                assertThat(settings.tokenFile()).isEqualTo(token);
                assertThat(settings.hubCaFile()).isEqualTo(ca);
                assertThat(settings.certDir()).isEqualTo(dir);
            });
            if (programs) {
                assertThat(ovnConnections).singleElement().satisfies(ovn -> {
                    assertThat(ovn.northbound()).isEqualTo("ssl:127.0.0.1:6641");
                    assertThat(ovn.tls().privateKey()).isEqualTo(ovnTls.resolve(TlsMaterial.KEY_FILE));
                    assertThat(ovn.tls().caCertificate()).isEqualTo(ovnTls.resolve(TlsMaterial.TRUST_FILE));
                    assertThat(ovn.icOverSsl()).isTrue();
                    assertThat(ovn.clusterRouter()).isEqualTo("my-router");
                });
            } else {
                assertThat(ovnConnections).as("kube-ovn mode makes no zone programmer").isEmpty();
            }
        } finally {
            command.stop();
            run.join(20_000);
        }
        assertThat(run.isAlive()).isFalse();
    }

    private void assertUsageError(String message, String... flags) {
        List<String> args = new ArrayList<>(List.of(flags));
        if (args.stream().noneMatch(a -> a.startsWith("--hub="))) {
            args.add("--hub=https://hub:443");
        }
        args.add("--cert-dir=" + dir);
        StringWriter errors = new StringWriter();
        CommandLine cmd = commandLine(newCommand());
        cmd.setErr(new PrintWriter(errors, true));

        assertThat(cmd.execute(args.toArray(String[]::new))).as(String.join(" ", flags)).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(errors.toString()).contains(message);
    }

    private AgentCommand newCommand() {
        return new AgentCommand(settings -> {
            connected.add(settings);
            return new FakeHubLink();
        }, ovn -> {
            ovnConnections.add(ovn);
            return AvailabilityZoneProgrammer.NONE;
        });
    }

    private CommandLine commandLine(AgentCommand agentCommand) {
        CommandLine cmd = new CommandLine(agentCommand);
        cmd.setExecutionExceptionHandler(new ErrorReporter());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    /** A hub that never answers: the command's wiring is under test, not the hub. */
    private static final class FakeHubLink implements HubLink {
        @Override
        public SendResult sendSnapshot(ClusterInventory inventory) throws HubLinkException {
            throw new HubLinkException("fake hub link: not connected");
        }

        @Override
        public SendResult sendDelta(InventoryDelta delta) throws HubLinkException {
            throw new HubLinkException("fake hub link: not connected");
        }

        @Override
        public void heartbeat() throws HubLinkException {
            throw new HubLinkException("fake hub link: not connected");
        }

        @Override
        public PlanWatch watchPlans(long fromVersion, HubEvents events) {
            return () -> { };
        }
    }
}
