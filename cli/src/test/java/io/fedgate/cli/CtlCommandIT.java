package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.FederationHub;
import io.fedgate.hub.HubConfig;
import io.fedgate.hubclient.HubClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fedgate ctl} as an admin against a real hub member (in this JVM) over mutual TLS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CtlCommandIT {
    @TempDir
    static Path tmp;

    private FederationHub hub;
    private List<String> connection;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void startHub() throws Exception {
        int hazelcastPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            hazelcastPort = socket.getLocalPort();
        }
        HubConfig config = new HubConfig("ctl-test", new HubConfig.Api("127.0.0.1", 0, List.of()),
                new HubConfig.Management("127.0.0.1", 0), tmp.resolve("hub"), null, null,
                new HubConfig.Hazelcast("ctl-it-" + ProcessHandle.current().pid(), "127.0.0.1", hazelcastPort,
                        List.of("127.0.0.1:" + hazelcastPort), Map.of()),
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1), tmp.resolve("hub/audit.log"),
                new HubConfig.Planning(Duration.ofMillis(20), 16, 1), Duration.ofSeconds(5),
                HubConfig.Sealing.generatedAt(tmp.resolve("hub/sealing.keys")));
        hub = FederationHub.start(config, Clock.systemUTC());
        connection = List.of("--hub", "https://127.0.0.1:" + hub.apiPort(), "--cert-dir", hub.adminCertDir().toString());
    }

    @AfterAll
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private Run ctl(String... args) {
        List<String> all = new ArrayList<>(List.of("ctl"));
        all.addAll(List.of(args));
        all.addAll(connection);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Fedgate.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(cmd.execute(all.toArray(new String[0])), out.toString(), err.toString());
    }

    @Test
    void tokenFromCtlJoinsAClusterThatCtlThenLists() throws Exception {
        Run token = ctl("token", "create", "--cluster", "east", "--ttl", "10m");
        Run ca = ctl("ca", "show");
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(token.out().strip()).startsWith("fgt_").doesNotContain("\n");
        assertThat(token.err()).contains("agent of cluster east", "expires");
        assertThat(ca.out()).startsWith("-----BEGIN CERTIFICATE-----");

        HubClient bootstrap = HubClient.builder().hubs(List.of(java.net.URI.create("https://127.0.0.1:" + hub.apiPort())))
                .trustAnchors(PemFiles.parseCertificates(ca.out(), "ca")).build();
        TlsMaterial agent = bootstrap.join(token.out().strip(), SpiffeId.cluster("ctl-test", "east", Component.AGENT),
                tmp.resolve("east"));
        bootstrap.withIdentity(agent).putInventory(new ClusterInventory("east", 1,
                new ClusterNetwork("eu", null, null, null, null, null, null, null, null, null).withInterconnect(
                        new InterconnectState(InterconnectMode.FEDGATE, false, true, List.of(),
                                List.of("ovn-ic of az-east holds no lock"))), List.of()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ctl("clusters", "-o", "json").out()
                .contains("\"planVersion\" : 1"));

        JsonNode clusters = FederationJson.mapper().readTree(ctl("clusters", "-o", "json").out());
        Run table = ctl("clusters");
        Run yaml = ctl("plan", "east", "-o", "yaml");
        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).path("clusterId").asText()).isEqualTo("east");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("CLUSTER").contains("GENERATION", "LIVE",
                "INTERCONNECT", "ROUTES");
        assertThat(table.out().lines().filter(l -> l.startsWith("east")).findFirst().orElseThrow())
                .as("the mode and that interconnection reports a problem").contains("fedgate", "problem");
        assertThat(clusters.get(0).path("interconnectMode").asText()).isEqualTo("fedgate");
        assertThat(clusters.get(0).hasNonNull("routesInPlace")).as("no peer to be in place with").isFalse();
        assertThat(clusters.get(0).path("interconnectProblems").get(0).asText())
                .isEqualTo("ovn-ic of az-east holds no lock");
        assertThat(yaml.out()).contains("clusterId: \"east\"", "version: 1");
    }

    @Test
    void auditVerifyReportsAnIntactChainAndTheFirstTamperedRecordOfAFile() throws Exception {
        ctl("token", "create", "--cluster", "west");
        Run intact = ctl("audit", "verify");
        Path copy = tmp.resolve("audit-copy.log");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(tmp.resolve("hub/audit.log"))
                && Files.readAllLines(tmp.resolve("hub/audit.log")).size() >= 1);
        List<String> lines = new ArrayList<>(Files.readAllLines(tmp.resolve("hub/audit.log")));
        lines.set(0, lines.get(0).replace("token.create", "token.delete"));
        Files.write(copy, lines);

        Run tampered = ctl("audit", "verify", "--file", copy.toString());

        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("the hub's audit log is intact");
        assertThat(tampered.exitCode()).isEqualTo(Fedgate.EXIT_FAILURE);
        assertThat(tampered.err()).contains("record 1 is broken");
    }

    @Test
    void refusalsComeBackAsOneLineWithTheReason() {
        Run unknownCluster = ctl("cluster", "remove", "nowhere");
        Run badComponent = ctl("token", "create", "--cluster", "east", "--component", "hub");
        Run badCertDir = ctlWithCertDir(tmp.resolve("no-such-dir"), "clusters");

        assertThat(unknownCluster.exitCode()).isEqualTo(Fedgate.EXIT_FAILURE);
        assertThat(unknownCluster.err()).contains("404", "the hub knows no cluster nowhere");
        assertThat(badComponent.exitCode()).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(badCertDir.exitCode()).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(badCertDir.err()).contains("--cert-dir");
    }

    private Run ctlWithCertDir(Path certDir, String... args) {
        List<String> all = new ArrayList<>(List.of("ctl"));
        all.addAll(List.of(args));
        all.addAll(List.of("--hub", "https://127.0.0.1:" + hub.apiPort(), "--cert-dir", certDir.toString()));
        StringWriter err = new StringWriter();
        CommandLine cmd = Fedgate.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(cmd.execute(all.toArray(new String[0])), "", err.toString());
    }
}
