package io.fedgate.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.agent.spi.InterconnectDatabases;
import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's zone programmer against a real two-AZ OVN-IC stack. */
class OvnZoneProgrammersIT {
    private static OvnIcStack stack;

    @BeforeAll
    static void startStack() {
        Assumptions.assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> OvnIcStack.unavailableReason().get());
        stack = OvnIcStack.start(OvnIcStack.options().zones(2).build());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static InterconnectPlan plan() {
        Cidr subnet = Cidr.parse("169.254.100.0/24");
        return new InterconnectPlan(3, List.of(new TransitSwitch("ts", subnet, List.of(
                new TransitSwitchMember("az1", subnet.host(1), "0a:58:a9:fe:64:01", List.of("gw1")),
                new TransitSwitchMember("az2", subnet.host(2), "0a:58:a9:fe:64:02", List.of("gw2"))))),
                List.of(new AvailabilityZonePlan("az1", "c1", true, true, List.of()),
                        new AvailabilityZonePlan("az2", "c2", true, true, List.of())));
    }

    /** What ovn-ic-config would say for the stack's IC databases ({@code tcp:127.0.0.1:PORT}). */
    private static InterconnectDatabases databases() {
        return new InterconnectDatabases("127.0.0.1", port(stack.icNb()), port(stack.icSb()));
    }

    private static String port(String endpoint) {
        return endpoint.substring(endpoint.lastIndexOf(':') + 1);
    }

    @Test
    void programsTheZoneOnceThenWritesNothingAndLeavesWhenThePlanDropsIt() throws Exception {
        try (OvnZoneProgrammers.Programmer programmer = OvnZoneProgrammers.forNorthbound(stack.nb(1))) {
            programmer.program("az1", plan(), databases());
            assertThat(programmer.lastReport().writes()).isPositive();
            assertThat(stack.nbctl(1, "--bare", "--columns=name", "list", "Logical_Router_Port")).contains("az1-ts");
            assertThat(stack.icNbctl("--bare", "--columns=name", "list", "Transit_Switch")).contains("ts");

            programmer.program("az1", plan(), databases());
            assertThat(programmer.lastReport().isNoop()).as(programmer.lastReport().render()).isTrue();

            programmer.program("az1", InterconnectPlan.EMPTY);
            assertThat(programmer.lastReport().writes()).isPositive();
            assertThat(stack.nbctl(1, "--bare", "--columns=name", "list", "Logical_Router_Port")).doesNotContain("az1-ts");
        }
    }

    @Test
    void withoutInterconnectDatabasesTheCallFailsNamingTheConfigMap() {
        try (OvnZoneProgrammers.Programmer programmer = OvnZoneProgrammers.forNorthbound(stack.nb(2))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> programmer.program("az2", plan()))
                    .hasMessageContaining("ovn-ic-config has no ic-db-host");
        }
    }
}
