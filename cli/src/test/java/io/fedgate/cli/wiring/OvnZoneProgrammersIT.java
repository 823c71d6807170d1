package io.fedgate.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.agent.spi.InterconnectDatabases;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.cli.testing.TwoZoneInterconnect;
import io.fedgate.interconnect.localstack.OvnIcStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's zone programmer against a real two-AZ OVN-IC stack, over TCP and over SSL. */
class OvnZoneProgrammersIT {
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
        return TwoZoneInterconnect.plan(3);
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

    @Test
    void programsTheZoneWithTheNorthboundAndTheIcDatabasesOverSsl() throws Exception {
        OvnConnection ssl = new OvnConnection(stack.tlsEndpoint("az2nb").orElseThrow(), stack.clientTls().orElseThrow(),
                true, "ovn-cluster");
        // ovn-ic-config names the IC databases' host and ports; --ovn-ic-ssl makes them ssl:
        InterconnectDatabases icOverSsl = new InterconnectDatabases("127.0.0.1",
                port(stack.tlsEndpoint("icnb").orElseThrow()), port(stack.tlsEndpoint("icsb").orElseThrow()));
        try (OvnZoneProgrammers.Programmer programmer = OvnZoneProgrammers.forConnection(ssl)) {
            programmer.program("az2", plan(), icOverSsl);
            assertThat(programmer.lastReport().writes()).isPositive();
            assertThat(stack.nbctl(2, "--bare", "--columns=name", "list", "Logical_Router_Port")).contains("az2-ts");

            programmer.program("az2", InterconnectPlan.EMPTY);
            assertThat(stack.nbctl(2, "--bare", "--columns=name", "list", "Logical_Router_Port")).doesNotContain("az2-ts");
        }
    }
}
