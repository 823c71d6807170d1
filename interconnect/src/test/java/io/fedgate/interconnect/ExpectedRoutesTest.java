package io.fedgate.interconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.net.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedRoutesTest {
    private static final Map<String, List<Cidr>> ADVERTISED = Map.of(
            "az1", List.of(Cidr.parse("10.16.0.1/16"), Cidr.parse("169.254.100.1/24")),
            "az2", List.of(Cidr.parse("10.17.0.1/16")));

    @Test
    void eachSharedSwitchGivesOneRoutePerRemotePrefixViaTheRemoteAddress() {
        var routes = ExpectedRoutes.of(TestPlans.plan(1, List.of("az1", "az2"), 2), ADVERTISED);
        assertThat(routes.get("az2")).containsExactly(
                new ExpectedRoutes.Route(Cidr.parse("10.16.0.0/16"), "169.254.100.1"),
                new ExpectedRoutes.Route(Cidr.parse("10.16.0.0/16"), "169.254.101.1"));
    }

    @Test
    void theDenylistFiltersLearningAndAdvertising() {
        var plan = TestPlans.plan(1, List.of("az1", "az2"), 1, Map.of("az2", List.of("10.16.0.0/16")));
        var routes = ExpectedRoutes.of(plan, Map.of("az1", List.of(Cidr.parse("10.16.0.1/16")),
                "az2", List.of(Cidr.parse("10.16.128.1/17"))));
        assertThat(routes.get("az2")).as("az2 must not learn the /16 it denies").isEmpty();
        assertThat(routes.get("az1")).as("az2's own /17 lies inside its denylist, so it is not advertised").isEmpty();
    }

    @Test
    void nothingIsExchangedWhenOneSideDoesNotLearnOrAdvertise() {
        InterconnectPlan base = TestPlans.plan(1, List.of("az1", "az2"), 1);
        InterconnectPlan quiet = new InterconnectPlan(2, base.transitSwitches(), List.of(
                new AvailabilityZonePlan("az1", "c1", false, true, List.of()),
                new AvailabilityZonePlan("az2", "c2", true, false, List.of())));
        var routes = ExpectedRoutes.of(quiet, ADVERTISED);
        assertThat(routes.get("az1")).containsExactly(new ExpectedRoutes.Route(Cidr.parse("10.17.0.0/16"), "169.254.100.2"));
        assertThat(routes.get("az2")).isEmpty();
    }
}
