package io.fedgate.interconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.localstack.OvnIcStack;
import io.fedgate.interconnect.ovsdb.RowChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route-pollution guard against real ovn-ic: az1 (10.16.0.0/16) and az2 (10.16.128.0/17) overlap; the
 * plan's denylists keep each from learning the other's prefix. Every learned route that ever shows up in
 * either AZ's NB is recorded from before the first write, so "never" means never, not "not at the end".
 */
class RoutePollutionIT {
    private static final List<String> ZONES = List.of("az1", "az2", "az3");
    private static final Map<String, Cidr> OWN = Map.of("az1", Cidr.parse("10.16.0.0/16"),
            "az2", Cidr.parse("10.16.128.0/17"), "az3", Cidr.parse("10.18.0.0/16"));
    private static OvnIcStack stack;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final StackDiagnostics DIAGNOSTICS = new StackDiagnostics(() -> stack);

    @BeforeAll
    static void startStack() {
        Assumptions.assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> OvnIcStack.unavailableReason().get());
        stack = OvnIcStack.start(OvnIcStack.options().zones(3)
                .podCidrs(1, "10.16.0.1/16").podCidrs(2, "10.16.128.1/17").podCidrs(3, "10.18.0.1/16").build());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void overlappingPrefixesAreNeverLearnedWhileTheDenylistIsInPlace() {
        IcEndpoints ep = IcEndpoints.builder().icNb(stack.icNb()).icSb(stack.icSb())
                .zone("az1", stack.nb(1)).zone("az2", stack.nb(2)).zone("az3", stack.nb(3)).build();
        Map<String, List<Cidr>> advertised = Map.of("az1", List.of(OWN.get("az1")), "az2", List.of(OWN.get("az2")),
                "az3", List.of(OWN.get("az3")));
        InterconnectPlan guarded = TestPlans.plan(1, ZONES, 2,
                Map.of("az1", List.of("10.16.128.0/17"), "az2", List.of("10.16.0.0/16")));
        List<String> polluted = Collections.synchronizedList(new ArrayList<>());
        boolean[] recording = {true};

        try (InterconnectReconciler r = InterconnectReconciler.connect(ep, ReconcilerOptions.defaults())) {
            for (String az : ZONES) {
                r.zoneClient(az).addListener((changes, after) -> {
                    for (RowChange c : changes) {
                        if (recording[0] && c.after() != null && c.table().equals("Logical_Router_Static_Route")
                                && c.after().stringMap("external_ids").containsKey("ic-learned-route")) {
                            Cidr learned = Cidr.parse(c.after().string("ip_prefix"));
                            if (learned.overlaps(OWN.get(az))) {
                                polluted.add(az + " learned " + c.after().string("ip_prefix"));
                            }
                        }
                    }
                });
            }

            r.apply(guarded);
            Map<String, Set<ExpectedRoutes.Route>> expected = ExpectedRoutes.of(guarded, advertised);
            // ovn-ic filters both ways: az2's own /17 lies inside the /16 it denies, so az2 advertises nothing
            assertThat(expected.get("az3")).containsExactlyInAnyOrder(
                    new ExpectedRoutes.Route(Cidr.parse("10.16.0.0/16"), "169.254.100.1"),
                    new ExpectedRoutes.Route(Cidr.parse("10.16.0.0/16"), "169.254.101.1"));
            r.awaitLearnedRoutes(expected, OvnIcStack.ROUTE_EXCHANGE_TIMEOUT);
            assertThat(r.status().zone("az1").denylist()).containsExactly("10.16.128.0/17");
            assertThat(stack.nbctl(2, "get", "NB_Global", ".", "options:ic-route-blacklist").strip())
                    .isEqualTo("\"10.16.0.0/16\"");
            assertThat(polluted).as("routes overlapping the AZ's own prefix").isEmpty();
            recording[0] = false;

            // the control: without the denylists, ovn-ic does learn the overlapping prefixes
            InterconnectPlan unguarded = TestPlans.plan(2, ZONES, 2);
            r.apply(unguarded);
            r.awaitLearnedRoutes(ExpectedRoutes.of(unguarded, advertised), OvnIcStack.ROUTE_EXCHANGE_TIMEOUT);
            assertThat(r.status().zone("az1").learnedRoutes())
                    .anyMatch(lr -> lr.network().equals(Cidr.parse("10.16.128.0/17")));

            ZONES.forEach(r::leave);
        }
    }
}
