package io.fedgate.interconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against a real 3-AZ OVN-IC stack (ovsdb-server, ovn-northd, ovn-ic from Debian's OVN
 * 23.03). One stack for the class; after each test every AZ leaves, which also removes the transit switches.
 */
class InterconnectReconcilerIT {
    private static final List<String> ZONES = List.of("az1", "az2", "az3");
    private static final Duration CONVERGE = OvnIcStack.ROUTE_EXCHANGE_TIMEOUT;
    private static OvnIcStack stack;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final StackDiagnostics DIAGNOSTICS = new StackDiagnostics(() -> stack);
    private final List<InterconnectReconciler> reconcilers = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        Assumptions.assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> OvnIcStack.unavailableReason().get());
        stack = OvnIcStack.start(OvnIcStack.options().zones(3).build());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void everyZoneLeaves() {
        reconcilers.forEach(InterconnectReconciler::close);
        reconcilers.clear();
        if (stack == null) {
            return;
        }
        List<String> current = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = stack.nbctl(i, "get", "NB_Global", ".", "name").strip().replace("\"", "");
            current.add(name.isEmpty() ? "az" + i : name);
        }
        try (InterconnectReconciler r = InterconnectReconciler.connect(endpoints(current), ReconcilerOptions.defaults())) {
            current.forEach(r::leave);
            assertThat(r.awaitZonesDetached(Duration.ofSeconds(20))).as("transit switches gone from every AZ").isTrue();
        }
        assertThat(stack.icSbctl("--bare", "--columns=name", "list", "Availability_Zone").strip()).isEmpty();
        assertThat(stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch").strip()).isEmpty();
    }

    private static IcEndpoints endpoints(List<String> names) {
        IcEndpoints.Builder b = IcEndpoints.builder().icNb(stack.icNb()).icSb(stack.icSb());
        for (int i = 0; i < names.size(); i++) {
            b.zone(names.get(i), stack.nb(i + 1));
        }
        return b.build();
    }

    private InterconnectReconciler connect(List<String> names, ReconcilerOptions options) {
        InterconnectReconciler r = InterconnectReconciler.connect(endpoints(names), options);
        reconcilers.add(r);
        return r;
    }

    private static Map<String, List<Cidr>> advertised(List<String> names) {
        Map<String, List<Cidr>> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), stack.podCidrs(i + 1).stream().map(Cidr::parse).toList());
        }
        return out;
    }

    @Test
    void learnedRoutesAppearInEveryZoneAndMatchThePlan() {
        InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults());
        InterconnectPlan plan = TestPlans.plan(1, ZONES, 2);

        ChangeReport report = r.apply(plan);

        assertThat(report.changes()).extracting(Change::table)
                .contains("Transit_Switch", "NB_Global", "Logical_Router_Port", "Gateway_Chassis", "Logical_Switch_Port");
        Map<String, Set<ExpectedRoutes.Route>> expected = ExpectedRoutes.of(plan, advertised(ZONES));
        assertThat(expected.get("az1")).hasSize(4);     // 2 remote prefixes x 2 switches
        r.awaitLearnedRoutes(expected, CONVERGE);

        InterconnectStatus status = r.status();
        assertThat(status.transitSwitches()).extracting(InterconnectStatus.TransitSwitchStatus::name).containsExactly("ts", "ts1");
        assertThat(status.transitSwitches()).allMatch(InterconnectStatus.TransitSwitchStatus::ownedByFedgate);
        InterconnectStatus.ZoneStatus az2 = status.zone("az2");
        assertThat(az2.nbGlobalName()).isEqualTo("az2");
        assertThat(az2.advertise()).isTrue();
        assertThat(az2.learn()).isTrue();
        assertThat(az2.ports()).extracting(InterconnectStatus.PortStatus::routerPort).containsExactly("az2-ts", "az2-ts1");
        assertThat(az2.ports().get(0).networks()).containsExactly("169.254.100.2/24");
        assertThat(az2.ports().get(0).mac()).isEqualTo("0a:58:a9:fe:64:02");
        // gateway priorities follow the plan's order, rotated per switch
        assertThat(az2.ports().get(0).gatewayChassis()).containsExactly("gw-az2-a", "gw-az2-b");
        assertThat(az2.ports().get(1).gatewayChassis()).containsExactly("gw-az2-b", "gw-az2-a");
        assertThat(az2.learnedRoutes()).allSatisfy(lr -> {
            assertThat(lr.router()).isEqualTo("ovn-cluster");
            assertThat(lr.origin()).isEqualTo("connected");
        });
        assertThat(stack.icSbctl("--bare", "--columns=name", "list", "Availability_Zone").strip().split("\\s+"))
                .containsExactlyInAnyOrder("az1", "az2", "az3");
    }

    @Test
    void applyingTheSamePlanTwiceWritesNothing() {
        InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults());
        InterconnectPlan plan = TestPlans.plan(1, ZONES, 2);
        assertThat(r.apply(plan).writes()).isGreaterThan(0);
        long writes = r.writeCount();
        long txns = r.transactionCount();

        ChangeReport again = r.apply(plan);

        assertThat(again.isNoop()).as(again.render()).isTrue();
        assertThat(r.writeCount()).isEqualTo(writes);
        assertThat(r.transactionCount()).isEqualTo(txns);
        // a fresh connection (a new process, say) agrees
        assertThat(InterconnectReconciler.apply(plan, endpoints(ZONES), ReconcilerOptions.defaults()).isNoop()).isTrue();
    }

    @Test
    void handMadeChangesToOwnedRowsAreRepairedWithinTwoSeconds() {
        InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults().withRepairDrift(true));
        InterconnectPlan plan = TestPlans.plan(1, ZONES, 2);
        r.apply(plan);
        r.awaitLearnedRoutes(ExpectedRoutes.of(plan, advertised(ZONES)), CONVERGE);

        stack.nbctl(2, "lsp-del", "ts-az2");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> lspRouterPort(2, "ts-az2").equals("az2-ts"));

        stack.nbctl(1, "set", "NB_Global", ".", "options:ic-route-learn=false");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> stack.nbctl(1, "get", "NB_Global", ".", "options:ic-route-learn").strip().equals("\"true\""));

        stack.nbctl(3, "lrp-del", "az3-ts1");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> stack.nbctl(3, "--bare", "--columns=networks", "find", "Logical_Router_Port", "name=az3-ts1")
                        .strip().equals("169.254.101.3/24"));

        stack.nbctl(1, "set", "Logical_Router_Port", "az1-ts", "mac=\"0a:00:00:00:00:99\"");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> stack.nbctl(1, "get", "Logical_Router_Port", "az1-ts", "mac").strip().equals("\"0a:58:a9:fe:64:01\""));

        assertThat(r.repairCount()).isGreaterThanOrEqualTo(4);
        r.awaitLearnedRoutes(ExpectedRoutes.of(plan, advertised(ZONES)), CONVERGE);
        assertThat(r.apply(plan).isNoop()).isTrue();
    }

    @Test
    void aTransitSwitchDeletedByHandComesBackWithItsPorts() {
        InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults().withRepairDrift(true));
        InterconnectPlan plan = TestPlans.plan(1, ZONES, 1);
        r.apply(plan);

        stack.icNbctl("ts-del", "ts");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> lspRouterPort(1, "ts-az1").equals("az1-ts") && lspRouterPort(3, "ts-az3").equals("az3-ts"));
        r.awaitLearnedRoutes(ExpectedRoutes.of(plan, advertised(ZONES)), CONVERGE);
    }

    @Test
    void rowsFedgateDidNotCreateAreNeverTouched() {
        stack.icNbctl("ts-add", "foreign");
        stack.nbctl(1, "lrp-add", "ovn-cluster", "manual-port", "0a:00:00:00:10:01", "192.168.77.1/24");
        try {
            InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults());
            r.apply(TestPlans.plan(1, ZONES, 1));
            r.apply(TestPlans.plan(2, ZONES, 0));     // prunes what is ours, and only that

            assertThat(stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch").strip()).isEqualTo("foreign");
            assertThat(stack.nbctl(1, "--bare", "--columns=name", "list", "Logical_Router_Port").split("\\s+"))
                    .contains("manual-port").doesNotContain("az1-ts");

            InterconnectPlan clash = renamedSwitch(TestPlans.plan(3, ZONES, 1), "foreign");
            assertThatThrownBy(() -> r.apply(clash))
                    .isInstanceOf(ForeignRowException.class)
                    .hasMessageContaining("Transit_Switch \"foreign\" was not written by fedgate");
        } finally {
            stack.icNbctl("--if-exists", "ts-del", "foreign");
            stack.nbctl(1, "--if-exists", "lrp-del", "manual-port");
        }
    }

    @Test
    void leaveRemovesTheZoneEverywhereAndRejoinRestoresIt() {
        InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults());
        InterconnectPlan plan = TestPlans.plan(1, ZONES, 2);
        r.apply(plan);
        r.awaitLearnedRoutes(ExpectedRoutes.of(plan, advertised(ZONES)), CONVERGE);

        ChangeReport left = r.leave("az3");

        assertThat(left.changes()).extracting(Change::database).contains("az3 NB");
        assertThat(stack.nbctl(3, "get", "NB_Global", ".", "name").strip()).isEqualTo("\"\"");
        assertThat(stack.nbctl(3, "--bare", "--columns=name", "list", "Logical_Router_Port").split("\\s+"))
                .noneMatch(n -> n.startsWith("az3-"));
        assertThat(stack.nbctl(3, "--bare", "--columns=_uuid", "find", "Logical_Router_Static_Route",
                "external_ids:ic-learned-route!=\"\"").strip()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !stack.icSbctl("--bare", "--columns=name", "list",
                "Availability_Zone").contains("az3"));
        assertThat(stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch").split("\\s+"))
                .as("other AZs remain on the switches").containsExactlyInAnyOrder("ts", "ts1");
        InterconnectPlan twoZones = TestPlans.plan(2, List.of("az1", "az2"), 2);
        Map<String, Set<ExpectedRoutes.Route>> withoutAz3 = ExpectedRoutes.of(twoZones, advertised(List.of("az1", "az2")));
        r.awaitLearnedRoutes(Map.of("az1", withoutAz3.get("az1"), "az2", withoutAz3.get("az2"), "az3", Set.of()), CONVERGE);

        r.apply(plan);
        r.awaitLearnedRoutes(ExpectedRoutes.of(plan, advertised(ZONES)), CONVERGE);
    }

    @Test
    void renamingAnAzMovesItsPortsAndItsRegistration() {
        InterconnectPlan plan = TestPlans.plan(1, ZONES, 1);
        InterconnectReconciler.apply(plan, endpoints(ZONES), ReconcilerOptions.defaults());

        List<String> renamed = List.of("az1", "az2", "az3b");
        InterconnectReconciler r = connect(renamed, ReconcilerOptions.defaults());
        InterconnectPlan plan2 = TestPlans.plan(2, renamed, 1);
        ChangeReport report = r.apply(plan2);

        assertThat(report.changes()).extracting(Change::render)
                .anyMatch(c -> c.contains("NB_Global") && c.contains("name: az3 -> az3b"))
                .anyMatch(c -> c.contains("deleted  Logical_Router_Port az3-ts"))
                .anyMatch(c -> c.contains("created  Logical_Router_Port az3b-ts"));
        r.awaitLearnedRoutes(ExpectedRoutes.of(plan2, advertised(renamed)), CONVERGE);
        await().atMost(Duration.ofSeconds(5)).until(() -> Arrays.asList(stack.icSbctl("--bare", "--columns=name", "list",
                "Availability_Zone").strip().split("\\s+")).equals(List.of("az1", "az2", "az3b"))
                || Set.copyOf(Arrays.asList(stack.icSbctl("--bare", "--columns=name", "list",
                "Availability_Zone").strip().split("\\s+"))).equals(Set.of("az1", "az2", "az3b")));
        assertThat(stack.nbctl(3, "--bare", "--columns=name", "list", "Logical_Switch_Port").split("\\s+"))
                .contains("ts-az3b").doesNotContain("ts-az3");
        r.leave("az3b");
    }

    @Test
    void databaseRestartsMidRunCauseNoDuplicateRows() {
        InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults().withRepairDrift(true));
        InterconnectPlan plan = TestPlans.plan(1, ZONES, 2);
        r.apply(plan);

        stack.restartDatabase("az2nb");
        stack.restartDatabase("icnb");
        await().atMost(Duration.ofSeconds(15)).until(() -> r.zoneClient("az2").connectCount() >= 2
                && r.zoneClient("az2").isConnected());

        assertThat(r.apply(plan).isNoop()).isTrue();
        for (String lsp : List.of("ts-az2", "ts1-az2")) {
            assertThat(stack.nbctl(2, "--bare", "--columns=_uuid", "find", "Logical_Switch_Port", "name=" + lsp)
                    .strip().split("\\s+")).hasSize(1);
        }
        assertThat(r.zoneClient("az2").snapshot().find("Logical_Router_Port", "name", "az2-ts")).hasSize(1);
        assertThat(stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch").strip().split("\\s+"))
                .containsExactlyInAnyOrder("ts", "ts1");
        r.awaitLearnedRoutes(ExpectedRoutes.of(plan, advertised(ZONES)), CONVERGE);
    }

    @Test
    void aMissingClusterRouterIsReportedClearly() {
        InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults().withClusterRouter("no-such-router"));
        assertThatThrownBy(() -> r.apply(TestPlans.plan(1, ZONES, 1)))
                .isInstanceOf(InterconnectException.class)
                .hasMessageContaining("has no Logical_Router \"no-such-router\"");
    }

    @Test
    void aZoneMissingFromThePlanIsAUsageError() {
        InterconnectReconciler r = connect(ZONES, ReconcilerOptions.defaults());
        assertThatThrownBy(() -> r.apply(TestPlans.plan(1, List.of("az1", "az2"), 1)))
                .isInstanceOf(InterconnectConfigException.class)
                .hasMessageContaining("--az az3: plan version 1 has no zone \"az3\"");
    }

    private static String lspRouterPort(int zone, String lsp) {
        return stack.nbctl(zone, "--if-exists", "get", "Logical_Switch_Port", lsp, "options:router-port").strip()
                .replace("\"", "");
    }

    private static InterconnectPlan renamedSwitch(InterconnectPlan plan, String name) {
        var ts = plan.transitSwitches().get(0);
        return new InterconnectPlan(plan.version(), List.of(new io.fedgate.api.model.TransitSwitch(name, ts.subnet(),
                ts.members())), plan.zones());
    }
}
