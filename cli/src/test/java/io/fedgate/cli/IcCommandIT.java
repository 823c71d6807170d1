package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.cli.testing.TwoZoneInterconnect;
import io.fedgate.interconnect.ExpectedRoutes;
import io.fedgate.interconnect.IcEndpoints;
import io.fedgate.interconnect.InterconnectReconciler;
import io.fedgate.interconnect.ReconcilerOptions;
import io.fedgate.interconnect.localstack.OvnIcStack;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedgate ic status} and {@code fedgate ic leave} against a real two-AZ OVN-IC stack, over TCP and SSL. */
class IcCommandIT {
    private static OvnIcStack stack;

    @BeforeAll
    static void startStack() {
        stack = TwoZoneInterconnect.startStackWithTls();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static InterconnectPlan plan() {
        return TwoZoneInterconnect.plan(1);
    }

    @Test
    void statusShowsEachZonesPortsAndLearnedRoutesAndLeaveTakesThemOut() {
        IcEndpoints ep = IcEndpoints.builder().icNb(stack.icNb()).icSb(stack.icSb())
                .zone("az1", stack.nb(1)).zone("az2", stack.nb(2)).build();
        try (InterconnectReconciler r = InterconnectReconciler.connect(ep, ReconcilerOptions.defaults())) {
            r.apply(plan());
            r.awaitLearnedRoutes(ExpectedRoutes.of(plan(), Map.of(
                    "az1", List.of(Cidr.parse(stack.podCidrs(1).get(0))),
                    "az2", List.of(Cidr.parse(stack.podCidrs(2).get(0))))), OvnIcStack.ROUTE_EXCHANGE_TIMEOUT);
        }

        IcCommandTest.Run status = IcCommandTest.run("ic", "status", "--ic-nb", stack.icNb(),
                "--az", "az1=" + stack.nb(1), "--az", "az2=" + stack.nb(2));
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("IC-NB transit switches: ts")
                .contains("AZ az1  NB_Global.name=az1  advertise=on  learn=on  denylist=-")
                .containsPattern("ts +az1-ts +ts-az1 +0a:58:a9:fe:64:01 +169.254.100.1/24 +gw1")
                .containsPattern("10\\.17\\.0\\.0/16 +169\\.254\\.100\\.2 +connected +ovn-cluster")
                .containsPattern("10\\.16\\.0\\.0/16 +169\\.254\\.100\\.1 +connected +ovn-cluster");

        IcCommandTest.Run leave = IcCommandTest.run("ic", "leave", "--ic-nb", stack.icNb(), "--ic-sb", stack.icSb(),
                "--az", "az1=" + stack.nb(1), "--az", "az2=" + stack.nb(2));
        assertThat(leave.exit()).as(leave.err()).isZero();
        assertThat(leave.out()).contains("leave az1:").contains("az1 NB  deleted  Logical_Router_Port az1-ts")
                .contains("IC-NB  deleted  Transit_Switch ts");
        assertThat(stack.icSbctl("--bare", "--columns=name", "list", "Availability_Zone").strip()).isEmpty();

        IcCommandTest.Run after = IcCommandTest.run("ic", "status", "--az", "az1=" + stack.nb(1));
        assertThat(after.out()).contains("AZ az1  NB_Global.name=(empty)  advertise=off  learn=off");
    }

    @Test
    void applyFromTheTopologyPrintsItsChangesAndAReapplyPrintsNoChanges() {
        String[] apply = {"ic", "apply", "--topology", IcCommandTest.topology("two-cluster-routed.yaml"),
                "--ic-nb", stack.icNb(), "--ic-sb", stack.icSb(),
                "--az", "az-east=" + stack.nb(1), "--az", "az-west=" + stack.nb(2)};
        try {
            IcCommandTest.Run first = IcCommandTest.run(apply);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("IC-NB  created  Transit_Switch ts")
                    .contains("az-east NB  created  Logical_Router_Port az-east-ts").contains("rows written in");

            IcCommandTest.Run again = IcCommandTest.run(apply);
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out().strip()).isEqualTo("no changes (plan version 0 already in place)");
        } finally {
            IcCommandTest.Run leave = IcCommandTest.run("ic", "leave", "--ic-nb", stack.icNb(), "--ic-sb", stack.icSb(),
                    "--az", "az-east=" + stack.nb(1), "--az", "az-west=" + stack.nb(2));
            assertThat(leave.exit()).as(leave.err()).isZero();
        }
    }

    @Test
    void anUnreachableDatabaseExitsOneWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        IcCommandTest.Run r = IcCommandTest.run("ic", "status", "--ic-nb", "tcp:127.0.0.1:" + port);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n")
                .contains("OvsdbConnectionException: IC-NB: cannot connect to tcp:127.0.0.1:" + port);
    }

    @Test
    void statusWorksOverSslAndAServerCertificateOfAnotherCaExitsOneWithOneLine(@TempDir Path dir) {
        OvsdbTls tls = stack.clientTls().orElseThrow();
        String icNb = stack.tlsEndpoint("icnb").orElseThrow();

        IcCommandTest.Run status = IcCommandTest.run("ic", "status", "--ic-nb", icNb, "-p", tls.privateKey().toString(),
                "-c", tls.certificate().toString(), "-C", tls.caCertificate().toString());
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("IC-NB transit switches:");

        CertificateAuthority.create("other-set", Duration.ofDays(1), Clock.systemUTC())
                .issue(new ClusterIdentity("other-set", "c1", Component.AGENT), Duration.ofDays(1), List.of(), List.of())
                .save(dir);
        IcCommandTest.Run refused = IcCommandTest.run("ic", "status", "--ic-nb", icNb, "-p", tls.privateKey().toString(),
                "-c", tls.certificate().toString(), "-C", dir.resolve(TlsMaterial.TRUST_FILE).toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().strip()).doesNotContain("\n")
                .contains("OvsdbTlsException: IC-NB: TLS handshake with " + icNb + " failed: server certificate")
                .contains("is not signed by the configured CA");
    }
}
