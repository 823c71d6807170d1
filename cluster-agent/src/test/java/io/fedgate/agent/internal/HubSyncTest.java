package io.fedgate.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.agent.internal.model.LocalInventory;
import io.fedgate.agent.testing.RecordingHubLink;
import io.fedgate.agent.spi.SendResult;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.model.ServiceKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSyncTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);
    private static final ClusterNetwork NETWORK = new ClusterNetwork(null, null, null, null, null, null, null, null,
            null, null);

    private final RecordingHubLink link = new RecordingHubLink(false);
    private final HubSync sync = new HubSync("east", link, CLOCK, new AgentMetrics(new SimpleMeterRegistry(), "east",
            CLOCK));

    @Test
    void nothingIsSentWhileThePlanWatchIsDown() {
        assertThat(sync.offer(local("a"))).isTrue();

        assertThat(link.sent()).isEmpty();
    }

    @Test
    void snapshotFirstThenDeltasOnlyForChanges() {
        sync.connected();

        sync.offer(local("a"));
        sync.offer(local("a"));
        sync.offer(local("a", "b"));

        assertThat(link.sent()).hasSize(2);
        assertThat(link.sent().get(0)).isInstanceOfSatisfying(ClusterInventory.class,
                s -> assertThat(s.generation()).isEqualTo(1_000));
        assertThat(link.sent().get(1)).isInstanceOfSatisfying(InventoryDelta.class, d -> {
            assertThat(d.baseGeneration()).isEqualTo(1_000);
            assertThat(d.upserts()).extracting(e -> e.service().name()).containsExactly("b");
        });
    }

    @Test
    void refusedDeltaIsFollowedBySnapshotAboveTheHubsGeneration() {
        sync.connected();
        sync.offer(local("a"));
        link.answerNext(SendResult.snapshotRequired(5_000, "hub restarted"));

        assertThat(sync.offer(local("a", "b"))).isTrue();

        assertThat(link.sent().get(link.sent().size() - 1)).isInstanceOfSatisfying(ClusterInventory.class, s -> {
            assertThat(s.generation()).isEqualTo(5_001);
            assertThat(s.exports()).hasSize(2);
        });
    }

    @Test
    void failedSendIsRetriedAsASnapshot() {
        sync.connected();
        sync.offer(local("a"));
        link.failNext();

        assertThat(sync.offer(local("a", "b"))).as("the caller retries").isFalse();
        assertThat(sync.offer(local("a", "b"))).isTrue();

        assertThat(link.sent().get(link.sent().size() - 1)).isInstanceOf(ClusterInventory.class);
    }

    @Test
    void reconnectionAndTheHubsRequestResendTheSnapshot() {
        sync.connected();
        sync.offer(local("a"));
        sync.disconnected();
        sync.connected();
        sync.offer(local("a"));
        sync.snapshotRequested();
        sync.offer(local("a"));

        assertThat(link.sent()).hasSize(3).allMatch(ClusterInventory.class::isInstance);
        assertThat(link.sent()).extracting(s -> ((ClusterInventory) s).generation()).isSorted().doesNotHaveDuplicates();
    }

    private static LocalInventory local(String... names) {
        List<ExportedService> exports = new ArrayList<>();
        for (String name : names) {
            exports.add(new ExportedService(new ServiceKey("bank", name), null, null, null, null, Instant.EPOCH, 100, 0,
                    null));
        }
        return new LocalInventory(NETWORK, exports, Map.of(), List.of());
    }
}
