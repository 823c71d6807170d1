package io.fedgate.hub.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy();
    private final SpiffeId eastAgent = SpiffeId.cluster("set", "east", Component.AGENT);
    private final SpiffeId eastGateway = SpiffeId.cluster("set", "east", Component.GATEWAY);
    private final SpiffeId admin = SpiffeId.admin("set", "ops");

    @Test
    void agentWritesOnlyItsOwnInventory() {
        assertThat(policy.decide(eastAgent, Operation.WRITE_INVENTORY, "east").allowed()).isTrue();
        assertThat(policy.decide(eastAgent, Operation.WRITE_INVENTORY, "west").reason())
                .isEqualTo("spiffe://set/cluster/east/agent may not write the inventory of cluster west "
                        + "(only that cluster's agent may)");
    }

    @Test
    void gatewaysAndAdminsNeverWriteInventories() {
        assertThat(policy.decide(eastGateway, Operation.WRITE_INVENTORY, "east").allowed()).isFalse();
        assertThat(policy.decide(admin, Operation.WRITE_INVENTORY, "east").allowed()).isFalse();
        assertThat(policy.decide(eastGateway, Operation.HEARTBEAT, "east").allowed()).isFalse();
    }

    @Test
    void agentAndGatewayReadOnlyTheirOwnClustersPlan() {
        assertThat(policy.decide(eastAgent, Operation.READ_PLAN, "east").allowed()).isTrue();
        assertThat(policy.decide(eastGateway, Operation.READ_PLAN, "east").allowed()).isTrue();
        assertThat(policy.decide(eastGateway, Operation.READ_PLAN, "west").reason())
                .startsWith("spiffe://set/cluster/east/gateway may not read the plan of cluster west");
        assertThat(policy.decide(admin, Operation.READ_PLAN, "west").allowed()).isTrue();
    }

    @Test
    void administrationIsForAdminIdentitiesOnly() {
        assertThat(policy.decide(admin, Operation.ADMINISTER, null).allowed()).isTrue();
        assertThat(policy.decide(eastAgent, Operation.ADMINISTER, null).reason())
                .isEqualTo("spiffe://set/cluster/east/agent may not administer the cluster set: admin identities "
                        + "only (spiffe://set/admin/<name>)");
    }

    @Test
    void listingsAndRenewalAreForAnyVerifiedIdentity() {
        assertThat(policy.decide(eastGateway, Operation.READ_LISTINGS, null).allowed()).isTrue();
        assertThat(policy.decide(admin, Operation.READ_LISTINGS, null).allowed()).isTrue();
        assertThat(policy.decide(eastGateway, Operation.RENEW_CERTIFICATE, null).allowed()).isTrue();
    }

    @Test
    void storedInventoryIsReadByItsAgentAndAdmins() {
        assertThat(policy.decide(eastAgent, Operation.READ_INVENTORY, "east").allowed()).isTrue();
        assertThat(policy.decide(admin, Operation.READ_INVENTORY, "east").allowed()).isTrue();
        assertThat(policy.decide(eastGateway, Operation.READ_INVENTORY, "east").allowed()).isFalse();
    }
}
