package io.fedgate.hub.internal.replan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanContentCodecTest {
    private final PlanContentCodec codec = new PlanContentCodec();

    @Test
    void aDeltaWrittenWithSharedImportEncodingsReadsBackEqual() {
        ServiceImport cart = new ServiceImport(new ServiceKey("shop", "cart"), null, null, List.of(), null,
                List.of(new ClusterEndpoints("west", "eu", "eu-1", DataPath.GATEWAY, 100, 0, null,
                        List.of(Endpoint.ready("10.0.0.1")))));
        PlanDelta full = new PlanDelta("east", 7, List.of(cart), List.of(new ServiceKey("shop", "old")),
                List.of(new ExportStatus(new ServiceKey("shop", "pay"), List.of())), InterconnectPlan.EMPTY,
                List.of(new GatewayPeer("west", List.of())));
        PlanDelta minimal = new PlanDelta("north", 3, List.of(cart), List.of(), null, null, null);

        assertThat(FederationCodecs.planDelta().decode(codec.delta(full))).isEqualTo(full);
        assertThat(FederationCodecs.planDelta().decode(codec.delta(minimal))).isEqualTo(minimal);
    }
}
