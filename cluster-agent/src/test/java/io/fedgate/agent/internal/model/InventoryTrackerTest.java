package io.fedgate.agent.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.net.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTrackerTest {
    private static final ClusterNetwork NETWORK = new ClusterNetwork("eu", null, NetworkKind.OTHER, null, List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of());
    private final InventoryTracker tracker = new InventoryTracker("east");

    @Test
    void snapshotIsNumberedAtLeastTheFloorAndAboveTheLastOne() {
        ClusterInventory first = tracker.snapshot(local(export("a", true)), 1000);
        assertThat(first.generation()).isEqualTo(1000);
        tracker.accept(first);

        assertThat(tracker.snapshot(local(export("a", true)), 10).generation()).isEqualTo(1001);
        assertThat(tracker.snapshot(local(export("a", true)), 5000).generation()).isEqualTo(5000);
    }

    @Test
    void nothingChangedGivesNoDelta() {
        tracker.accept(tracker.snapshot(local(export("a", true)), 1));

        assertThat(tracker.delta(local(export("a", true)))).isNull();
    }

    @Test
    void deltaCarriesChangedAndNewExportsRemovalsAndTheNetworkOnlyWhenItChanged() {
        tracker.accept(tracker.snapshot(local(export("a", true), export("b", true)), 7));

        InventoryDelta delta = tracker.delta(local(export("a", false), export("c", true)));

        assertThat(delta.baseGeneration()).isEqualTo(7);
        assertThat(delta.generation()).isEqualTo(8);
        assertThat(delta.upserts()).containsExactly(export("a", false), export("c", true));
        assertThat(delta.removals()).containsExactly(new ServiceKey("bank", "b"));
        assertThat(delta.network()).isNull();

        tracker.accept(delta);
        ClusterNetwork moved = new ClusterNetwork("us", null, NetworkKind.OTHER, null, List.of(Cidr.parse("10.0.0.0/8")),
                List.of(), List.of(), List.of(), List.of(), List.of());
        InventoryDelta networkOnly = tracker.delta(new LocalInventory(moved, tracker.accepted().exports(), Map.of(),
                List.of()));
        assertThat(networkOnly.network()).isEqualTo(moved);
        assertThat(networkOnly.upserts()).isEmpty();
        assertThat(networkOnly.baseGeneration()).isEqualTo(8);
    }

    @Test
    void acceptedDeltaGivesTheInventoryTheHubNowHolds() {
        tracker.accept(tracker.snapshot(local(export("a", true)), 1));
        InventoryDelta delta = tracker.delta(local(export("a", true), export("b", true)));

        tracker.accept(delta);

        assertThat(tracker.accepted().generation()).isEqualTo(2);
        assertThat(tracker.accepted().exports()).containsExactly(export("a", true), export("b", true));
    }

    @Test
    void deltaBeforeAnySnapshotIsRefused() {
        assertThatThrownBy(() -> tracker.delta(local())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cluster east").hasMessageContaining("no accepted snapshot");
    }

    private static LocalInventory local(ExportedService... exports) {
        return new LocalInventory(NETWORK, List.of(exports), Map.of(), List.of());
    }

    private static ExportedService export(String name, boolean ready) {
        return new ExportedService(new ServiceKey("bank", name), null, null, List.of(),
                List.of(new Endpoint("10.1.0.1", ready, null, null, null)), Facts.T0, 100, 0, null);
    }
}
