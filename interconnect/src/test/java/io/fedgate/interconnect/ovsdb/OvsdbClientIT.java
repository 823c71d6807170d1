package io.fedgate.interconnect.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OVSDB client against a real ovsdb-server serving OVN_IC_Northbound (OVN 23.03), over TCP and TLS. */
class OvsdbClientIT {
    private static OvnIcStack stack;
    private static OvsdbEventLoop loop;
    private final List<OvsdbClient> clients = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        Assumptions.assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> OvnIcStack.unavailableReason().get());
        stack = OvnIcStack.start(OvnIcStack.options().zones(1).router(null).tls().build());
        loop = OvsdbEventLoop.create(1);
    }

    @AfterAll
    static void stopStack() {
        if (loop != null) {
            loop.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void cleanUp() {
        clients.forEach(OvsdbClient::close);
        if (stack != null) {
            stack.icNbctl("--if-exists", "ts-del", "ts-a", "--", "--if-exists", "ts-del", "ts-b");
        }
    }

    private OvsdbClient connect(OvsdbClientConfig.Builder b) {
        OvsdbClient c = OvsdbClient.connect(b.eventLoop(loop).build());
        clients.add(c);
        return c;
    }

    private static OvsdbClientConfig.Builder icNb() {
        return OvsdbClientConfig.builder("OVN_IC_Northbound", OvsdbEndpoint.parseList(stack.icNb()))
                .label("IC-NB").requestTimeout(Duration.ofSeconds(5))
                .monitor("Transit_Switch", "name", "external_ids", "other_config");
    }

    private static Operation.Insert transitSwitch(String name) {
        return Operation.insert("Transit_Switch").with("name", name)
                .with("external_ids", OvsdbValues.map("owner", "it"));
    }

    @Test
    void writesAreInTheReplicaWhenTheTransactionReturns() {
        OvsdbClient c = connect(icNb());
        assertThat(c.schema().name()).isEqualTo("OVN_IC_Northbound");

        TransactionResult r = c.transact(transitSwitch("ts-a").uuidName("tsa"));
        Uuid uuid = r.get(0).uuid();
        assertThat(c.snapshot().row("Transit_Switch", uuid)).get()
                .satisfies(row -> assertThat(row.stringMap("external_ids")).containsEntry("owner", "it"));

        c.transact(Operation.mutate("Transit_Switch", List.of(Condition.uuidIs(uuid)))
                .with(Mutation.delete("external_ids", OvsdbValues.set("owner")))
                .with(Mutation.insert("external_ids", OvsdbValues.map("owner", "it2", "x", "y"))));
        assertThat(c.snapshot().row("Transit_Switch", uuid).orElseThrow().stringMap("external_ids"))
                .isEqualTo(Map.of("owner", "it2", "x", "y"));

        c.transact(Operation.delete("Transit_Switch", List.of(Condition.eq("name", "ts-a"))));
        assertThat(c.snapshot().row("Transit_Switch", uuid)).isEmpty();
    }

    @Test
    void otherWritersChangesReachTheReplicaAsEvents() throws Exception {
        OvsdbClient c = connect(icNb());
        List<RowChange> seen = Collections.synchronizedList(new ArrayList<>());
        c.addListener((changes, after) -> seen.addAll(changes));
        stack.icNbctl("ts-add", "ts-b");
        c.awaitSnapshot(s -> s.findFirst("Transit_Switch", "name", "ts-b").isPresent(), Duration.ofSeconds(5), "ts-b")
                .get();
        stack.icNbctl("ts-del", "ts-b");
        c.awaitSnapshot(s -> s.findFirst("Transit_Switch", "name", "ts-b").isEmpty(), Duration.ofSeconds(5), "no ts-b")
                .get();
        assertThat(seen).extracting(RowChange::kind).containsSubsequence(RowChange.Kind.INSERTED, RowChange.Kind.DELETED);
    }

    @Test
    void selectReturnsRowsTypedBySchema() {
        OvsdbClient c = connect(icNb());
        c.transact(transitSwitch("ts-a"));
        TransactionResult r = c.transact(Operation.select("Transit_Switch", List.of(Condition.eq("name", "ts-a")),
                List.of("_uuid", "name", "external_ids")));
        assertThat(r.get(0).rows()).singleElement().satisfies(row -> {
            assertThat(row.uuid()).isNotNull();
            assertThat(row.string("name")).isEqualTo("ts-a");
            assertThat(row.get("external_ids")).isEqualTo(Map.of("owner", "it"));
        });
    }

    @Test
    void commitFailureInTheExtraResultElementIsAnError() {
        OvsdbClient c = connect(icNb());
        c.transact(transitSwitch("ts-a"));
        assertThatThrownBy(() -> c.transact(transitSwitch("ts-a")))
                .isInstanceOf(OvsdbServerException.class)
                .hasMessageContaining("commit of 1 operations")
                .hasMessageContaining("constraint violation")
                .satisfies(e -> assertThat(((OvsdbServerException) e).operationIndex()).isEqualTo(-1));
    }

    @Test
    void failingOperationIsNamedByIndex() {
        OvsdbClient c = connect(icNb());
        Operation.Wait neverTrue = Operation.Wait.untilEqual("Transit_Switch", List.of(Condition.eq("name", "nope")),
                List.of("name"), List.of(Map.of("name", "nope")));
        assertThatThrownBy(() -> c.transact(new Operation.Comment("it"), neverTrue))
                .isInstanceOf(OvsdbServerException.class)
                .hasMessageContaining("operation 1 (wait on Transit_Switch")
                .satisfies(e -> assertThat(((OvsdbServerException) e).error()).isEqualTo("timed out"));
        assertThatThrownBy(() -> c.transact(transitSwitch("ts-a"), new Operation.Abort()))
                .isInstanceOf(OvsdbServerException.class)
                .satisfies(e -> assertThat(((OvsdbServerException) e).error()).isEqualTo("aborted"));
        assertThat(c.snapshot().findFirst("Transit_Switch", "name", "ts-a")).isEmpty();
    }

    @Test
    void missingColumnIsReportedWithTheSchemaVersion() {
        assertThatThrownBy(() -> connect(icNb().require("Transit_Switch", "name", "tunnel_key").require("Nope", "x")))
                .isInstanceOf(OvsdbSchemaException.class)
                .hasMessageContaining("OVN_IC_Northbound 1.0.0")
                .hasMessageContaining("column Transit_Switch.tunnel_key")
                .hasMessageContaining("table Nope");
    }

    @Test
    void monitorConditionLimitsTheReplica() {
        stack.icNbctl("ts-add", "ts-a", "--", "ts-add", "ts-b");
        OvsdbClient c = connect(OvsdbClientConfig.builder("OVN_IC_Northbound", OvsdbEndpoint.parseList(stack.icNb()))
                .monitorWhere("Transit_Switch", List.of(Condition.eq("name", "ts-b")), "name"));
        assertThat(c.snapshot().rows("Transit_Switch")).extracting(r -> r.string("name")).containsExactly("ts-b");
    }

    @Test
    void reconnectsAfterServerRestartAndRebuildsTheReplicaWithoutDuplicates() throws Exception {
        OvsdbClient c = connect(icNb().reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
        c.transact(transitSwitch("ts-a"));
        List<RowChange> seen = Collections.synchronizedList(new ArrayList<>());
        c.addListener((changes, after) -> seen.addAll(changes));

        stack.stopDatabase("icnb");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        assertThat(c.snapshot().find("Transit_Switch", "name", "ts-a")).hasSize(1);
        stack.startDatabase("icnb");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> c.connectCount() == 2 && c.isConnected());

        assertThat(c.snapshot().find("Transit_Switch", "name", "ts-a")).hasSize(1);
        assertThat(seen).as("a resync reports differences only").isEmpty();
        c.transact(transitSwitch("ts-b"));
        assertThat(c.snapshot().rows("Transit_Switch")).extracting(r -> r.string("name"))
                .containsExactlyInAnyOrder("ts-a", "ts-b");
    }

    @Test
    void connectsOverMutualTls() {
        OvsdbClient c = connect(OvsdbClientConfig.builder("OVN_IC_Northbound",
                        OvsdbEndpoint.parseList(stack.tlsEndpoint("icnb").orElseThrow()))
                .tls(stack.clientTls().orElseThrow()).monitor("Transit_Switch", "name"));
        assertThat(c.listDatabases()).contains("OVN_IC_Northbound", "_Server");
        c.transact(transitSwitch("ts-a"));
        assertThat(c.snapshot().findFirst("Transit_Switch", "name", "ts-a")).isPresent();
    }

    @Test
    void serverCertificateFromAnotherCaIsRefused(@TempDir Path dir) {
        OvsdbTls stackTls = stack.clientTls().orElseThrow();
        TlsMaterial other = certificateOfAnotherCa(dir);
        String endpoint = stack.tlsEndpoint("icnb").orElseThrow();

        assertThatThrownBy(() -> connect(OvsdbClientConfig.builder("OVN_IC_Northbound", OvsdbEndpoint.parseList(endpoint))
                .tls(new OvsdbTls(stackTls.privateKey(), stackTls.certificate(), dir.resolve(TlsMaterial.TRUST_FILE), false))
                .monitor("Transit_Switch", "name")))
                .isInstanceOf(OvsdbTlsException.class)
                .hasMessageContaining("TLS handshake with " + endpoint + " failed")
                .hasMessageContaining("server certificate \"CN=fedgate-ovn-ic-server\"")
                .hasMessageContaining("is not signed by the configured CA (" + dir.resolve(TlsMaterial.TRUST_FILE))
                .hasMessageContaining(other.trustAnchors().get(0).getSubjectX500Principal().getName());
    }

    @Test
    void clientCertificateFromAnotherCaIsRefusedByTheServer(@TempDir Path dir) {
        OvsdbTls stackTls = stack.clientTls().orElseThrow();
        certificateOfAnotherCa(dir);
        String endpoint = stack.tlsEndpoint("icnb").orElseThrow();

        assertThatThrownBy(() -> connect(OvsdbClientConfig.builder("OVN_IC_Northbound", OvsdbEndpoint.parseList(endpoint))
                .tls(new OvsdbTls(dir.resolve(TlsMaterial.KEY_FILE), dir.resolve(TlsMaterial.CERT_FILE),
                        stackTls.caCertificate(), false))
                .monitor("Transit_Switch", "name")))
                .isInstanceOf(OvsdbTlsException.class)
                .hasMessageContaining("TLS handshake with " + endpoint + " failed")
                .hasMessageContaining("the server refused fedgate's client certificate " + dir.resolve(TlsMaterial.CERT_FILE));
    }

    /** Key, certificate and CA of a CA the stack does not know, saved as tls.key, tls.crt and ca.crt in {@code dir}. */
    private static TlsMaterial certificateOfAnotherCa(Path dir) {
        CertificateAuthority ca = CertificateAuthority.create("other-set", Duration.ofDays(1), Clock.systemUTC());
        TlsMaterial material = ca.issue(new ClusterIdentity("other-set", "c1", Component.AGENT), Duration.ofDays(1),
                List.of(), List.of());
        material.save(dir);
        return material;
    }

    @Test
    void unreachableServerFailsWithConnectionError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> connect(OvsdbClientConfig.builder("OVN_IC_Northbound",
                OvsdbEndpoint.parseList("tcp:127.0.0.1:" + port))))
                .isInstanceOf(OvsdbConnectionException.class)
                .hasMessageContaining("cannot connect to tcp:127.0.0.1:" + port);
    }
}
