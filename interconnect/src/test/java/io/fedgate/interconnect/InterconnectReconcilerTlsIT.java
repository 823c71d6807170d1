package io.fedgate.interconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.interconnect.localstack.OvnIcStack;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import io.fedgate.interconnect.ovsdb.OvsdbTlsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler with every database (IC-NB, IC-SB, each AZ's NB) reached over {@code ssl:}, against a real
 * 2-AZ OVN-IC stack whose ovsdb-servers listen with pssl remotes and certificates of the stack's own CA.
 */
class InterconnectReconcilerTlsIT {
    private static final List<String> ZONES = List.of("az1", "az2");
    private static OvnIcStack stack;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final StackDiagnostics DIAGNOSTICS = new StackDiagnostics(() -> stack);

    @BeforeAll
    static void startStack() {
        stack = TestStacks.startOrSkip(OvnIcStack.options().zones(2).tls().build());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static IcEndpoints sslEndpoints(OvsdbTls tls) {
        IcEndpoints.Builder b = IcEndpoints.builder().icNb(stack.tlsEndpoint("icnb").orElseThrow())
                .icSb(stack.tlsEndpoint("icsb").orElseThrow()).tls(tls);
        for (int i = 1; i <= ZONES.size(); i++) {
            b.zone(ZONES.get(i - 1), stack.tlsEndpoint("az" + i + "nb").orElseThrow());
        }
        return b.build();
    }

    @Test
    void appliesAPlanAndLeavesOverSslOnly() {
        IcEndpoints endpoints = sslEndpoints(stack.clientTls().orElseThrow());
        assertThat(endpoints.icNb().get(0).toString()).startsWith("ssl:");
        InterconnectPlan plan = TestPlans.plan(1, ZONES, 1);
        try (InterconnectReconciler r = InterconnectReconciler.connect(endpoints, ReconcilerOptions.defaults())) {
            ChangeReport report = r.apply(plan);
            assertThat(report.writes()).isPositive();
            Map<String, List<Cidr>> advertised = new LinkedHashMap<>();
            for (int i = 1; i <= ZONES.size(); i++) {
                advertised.put(ZONES.get(i - 1), stack.podCidrs(i).stream().map(Cidr::parse).toList());
            }
            r.awaitLearnedRoutes(ExpectedRoutes.of(plan, advertised), OvnIcStack.ROUTE_EXCHANGE_TIMEOUT);
            assertThat(stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch").strip())
                    .isEqualTo(TestPlans.switchName(0));

            ZONES.forEach(r::leave);
            assertThat(r.awaitZonesDetached(Duration.ofSeconds(20))).as("transit switches gone from every AZ").isTrue();
        }
        assertThat(stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch").strip()).isEmpty();
    }

    @Test
    void serverCertificateFromAnotherCaFailsTheConnectAndWritesNothing(@TempDir Path dir) {
        CertificateAuthority other = CertificateAuthority.create("other-set", Duration.ofDays(1), Clock.systemUTC());
        other.issue(new ClusterIdentity("other-set", "c1", Component.AGENT), Duration.ofDays(1), List.of(), List.of())
                .save(dir);
        OvsdbTls stackTls = stack.clientTls().orElseThrow();
        OvsdbTls wrongCa = new OvsdbTls(stackTls.privateKey(), stackTls.certificate(),
                dir.resolve(TlsMaterial.TRUST_FILE), false);
        String switchesBefore = stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch");
        String nbGlobalBefore = stack.nbctl(1, "get", "NB_Global", ".", "name", "options");

        assertThatThrownBy(() -> InterconnectReconciler.apply(TestPlans.plan(1, ZONES, 1), sslEndpoints(wrongCa),
                ReconcilerOptions.defaults()))
                .isInstanceOf(OvsdbTlsException.class)
                .hasMessageContaining("is not signed by the configured CA")
                .hasMessageContaining("nothing was read or written");
        assertThat(stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch")).isEqualTo(switchesBefore);
        assertThat(stack.nbctl(1, "get", "NB_Global", ".", "name", "options")).isEqualTo(nbGlobalBefore);
    }
}
