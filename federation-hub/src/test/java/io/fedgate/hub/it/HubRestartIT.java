package io.fedgate.hub.it;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.protocol.AuditChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hub member stopped and started again: what agents can resend is rebuilt from them; what only the hub
 * decides (CA, tokens, transit addresses, plan version numbers, audit log) comes back from the members' disks.
 */
class HubRestartIT {
    @TempDir
    Path certs;

    /** A Kube-OVN overlay cluster that OVN-IC can interconnect, exporting one service. */
    private static ClusterInventory interconnectable(String id, String az, String pods) {
        return cluster(id).overlay(az).pods(pods).services("10.96.0.0/12").locality("eu", "eu-1")
                .exports(export("shop/" + id).tcp("http", 80).ready(pods.replace("0.0/16", "0.10"))).build();
    }

    @Test
    void restartOfEveryMemberRebuildsStateFromAgentsAndKeepsTransitAddresses() throws Exception {
        try (HubMembers hub = HubMembers.start("HubRestartIT", 3)) {
            HubClient admin = hub.adminClient();
            List<SimulatedAgent> agents = new ArrayList<>();
            // b and c interconnect first (host indexes 1 and 2); a comes later and gets 3: a planner starting
            // from nothing would number them a=1, b=2, c=3 instead
            for (String[] spec : new String[][] {{"bravo", "az-b", "10.17.0.0/16"}, {"charlie", "az-c", "10.18.0.0/16"}}) {
                agents.add(joined(hub, admin, spec));
            }
            SimulatedAgent bravo = agents.get(0);
            bravo.watch().await("bravo and charlie interconnected", p -> transitAddresses(p).size() == 2);
            agents.add(joined(hub, admin, new String[] {"alpha", "az-a", "10.16.0.0/16"}));
            ClusterPlan before = bravo.plans().await("all three interconnected", p -> transitAddresses(p).size() == 3);
            Map<String, String> addressesBefore = transitAddresses(before);
            String unusedToken = admin.createToken("delta", Component.AGENT, null).token();
            long auditBefore = auditRecords(admin);
            admin.close();

            for (int i = 0; i < 3; i++) {
                hub.stop(i);
            }
            hub.restart(List.of(0, 1, 2));

            ClusterPlan after = bravo.plans().await("replanned from the agents' resends",
                    p -> p.version() > before.version() && transitAddresses(p).size() == 3 && p.imports().size() == 3);
            HubClient adminAfter = hub.adminClient();
            assertThat(transitAddresses(after)).isEqualTo(addressesBefore);
            assertThat(addressesBefore).containsEntry("az-b", "169.254.100.1/24").containsEntry("az-a", "169.254.100.3/24");
            assertThat(adminAfter.clusters()).hasSize(3);
            assertThat(bravo.plans().deliveries()).extracting(RecordingPlanListener.Delivery::version)
                    .as("plan versions keep growing across the restart").isSorted();
            HubClient bootstrap = HubClient.builder().hubs(hub.apiUrls())
                    .trustAnchors(PemFiles.parseCertificates(adminAfter.ca().certificate(), "ca")).build();
            assertThat(bootstrap.join(unusedToken, SpiffeId.cluster(HubMembers.CLUSTER_SET, "delta", Component.AGENT),
                    certs.resolve("delta")).identity().toString()).endsWith("/cluster/delta/agent");
            assertThatThrownBy(() -> bootstrap.join(unusedToken, SpiffeId.cluster(HubMembers.CLUSTER_SET, "delta",
                    Component.AGENT), certs.resolve("delta-again")))
                    .isInstanceOfSatisfying(HubRequestException.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThat(auditRecords(adminAfter)).as("audit log kept and still chained").isGreaterThan(auditBefore);
            agents.forEach(SimulatedAgent::close);
            adminAfter.close();
        }
    }

    private SimulatedAgent joined(HubMembers hub, HubClient admin, String[] spec) {
        SimulatedAgent agent = SimulatedAgent.join(hub.apiUrls(), admin, spec[0], certs.resolve(spec[0]));
        agent.put(interconnectable(spec[0], spec[1], spec[2]));
        return agent;
    }

    private static Map<String, String> transitAddresses(ClusterPlan plan) {
        Map<String, String> addresses = new TreeMap<>();
        for (TransitSwitch transit : plan.interconnect().transitSwitches()) {
            for (TransitSwitchMember member : transit.members()) {
                addresses.put(member.availabilityZone(), member.address().toInterfaceString());
            }
        }
        return addresses;
    }

    /** Verifies the whole audit chain and returns how many records it has. */
    private static long auditRecords(HubClient admin) {
        AuditChain.Verifier verifier = AuditChain.verifier();
        admin.forEachAuditRecord(1, verifier::accept);
        assertThat(verifier.problem()).isNull();
        return verifier.checked();
    }
}
