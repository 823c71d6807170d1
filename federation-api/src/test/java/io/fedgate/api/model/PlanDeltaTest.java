package io.fedgate.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.codec.InvalidDocumentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlanDeltaTest {
    @Test
    void deltaBetweenTwoRandomPlansTurnsTheFirstIntoTheSecond() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            ClusterPlan from = randomPlan(random, 1);
            ClusterPlan to = randomPlan(random, 2);
            PlanDelta delta = PlanDelta.between(from, to);
            assertThat(delta.applyTo(from)).isEqualTo(to);
            PlanDelta decoded = FederationCodecs.planDelta().decode(FederationCodecs.planDelta().encode(delta));
            assertThat(decoded.applyTo(from)).isEqualTo(to);
        }
    }

    @Test
    void unchangedPartsAreLeftOutOfTheDeltaAndKeptWhenApplied() {
        ClusterPlan from = plan(1, List.of(service("a", "10.0.0.1")), List.of(new GatewayPeer("b", List.of())));
        ClusterPlan to = plan(2, List.of(service("a", "10.0.0.2")), List.of(new GatewayPeer("b", List.of())));

        PlanDelta delta = PlanDelta.between(from, to);

        assertThat(delta.gatewayPeers()).isNull();
        assertThat(delta.exportStatus()).isNull();
        assertThat(delta.interconnect()).isNull();
        assertThat(new String(FederationCodecs.planDelta().encode(delta), StandardCharsets.UTF_8))
                .doesNotContain("gatewayPeers");
        assertThat(delta.applyTo(from).gatewayPeers()).isEqualTo(from.gatewayPeers());
    }

    @Test
    void aServiceBothUpsertedAndRemovedIsRefused() {
        String json = "{\"clusterId\":\"east\",\"version\":2,\"upserts\":[{\"service\":{\"namespace\":\"ns\","
                + "\"name\":\"a\"}}],\"removals\":[{\"namespace\":\"ns\",\"name\":\"a\"}]}";
        assertThatThrownBy(() -> FederationCodecs.planDelta().decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("removals[0]")
                .hasMessageContaining("ns/a is also upserted");
    }

    private static ClusterPlan randomPlan(Random random, long version) {
        List<ServiceImport> imports = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            if (random.nextBoolean()) {
                imports.add(service("svc-" + (s < 10 ? "0" : "") + s, "10.0.0." + (1 + random.nextInt(3))));
            }
        }
        List<GatewayPeer> peers = random.nextBoolean() ? List.of() : List.of(new GatewayPeer("b", List.of()));
        return plan(version, imports, peers);
    }

    private static ClusterPlan plan(long version, List<ServiceImport> imports, List<GatewayPeer> peers) {
        return new ClusterPlan("east", version, imports, List.of(), InterconnectPlan.EMPTY, peers);
    }

    private static ServiceImport service(String name, String address) {
        return new ServiceImport(new ServiceKey("ns", name), null, null, List.of(), null,
                List.of(new ClusterEndpoints("west", null, null, DataPath.GATEWAY, 100, 0, null,
                        List.of(Endpoint.ready(address)))));
    }
}
