package io.fedgate.interconnect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.interconnect.TestPlans;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZoneDesiredStateTest {

    @Test
    void namesPortsTheWayKubeOvnDoesAndKeepsThePlansAddresses() {
        InterconnectPlan plan = TestPlans.plan(1, List.of("az1", "az2"), 2);
        ZoneDesiredState d = ZoneDesiredState.of(plan, "az2");
        assertThat(d.ports()).extracting(ZoneDesiredState.PortPlan::routerPort).containsExactly("az2-ts", "az2-ts1");
        assertThat(d.ports()).extracting(ZoneDesiredState.PortPlan::switchPort).containsExactly("ts-az2", "ts1-az2");
        assertThat(d.ports()).extracting(ZoneDesiredState.PortPlan::network)
                .containsExactly("169.254.100.2/24", "169.254.101.2/24");
    }

    @Test
    void theFirstGatewayChassisGetsTheHighestPriority() {
        ZoneDesiredState d = ZoneDesiredState.of(TestPlans.plan(1, List.of("az1"), 2), "az1");
        assertThat(d.ports().get(0).gatewayChassis()).containsExactly(
                new ZoneDesiredState.GatewayPriority("az1-ts-gw-az1-a", "gw-az1-a", 100),
                new ZoneDesiredState.GatewayPriority("az1-ts-gw-az1-b", "gw-az1-b", 99));
        assertThat(d.ports().get(1).gatewayChassis()).extracting(ZoneDesiredState.GatewayPriority::chassis)
                .containsExactly("gw-az1-b", "gw-az1-a");
    }

    @Test
    void theDenylistIsCommaSeparatedNormalizedPrefixes() {
        InterconnectPlan plan = TestPlans.plan(1, List.of("az1", "az2"), 1,
                Map.of("az1", List.of("10.16.128.5/17", "fd00:10::/64")));
        assertThat(ZoneDesiredState.of(plan, "az1").denylistText()).isEqualTo("10.16.128.0/17,fd00:10::/64");
        assertThat(ZoneDesiredState.of(plan, "az2").denylistText()).isNull();
    }
}
