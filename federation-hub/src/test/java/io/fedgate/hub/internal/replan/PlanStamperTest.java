package io.fedgate.hub.internal.replan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ServiceKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanStamperTest {
    private final PlanStamper stamper = new PlanStamper();

    private static ClusterPlan plan(String cluster, String... exports) {
        List<ExportStatus> status = java.util.Arrays.stream(exports)
                .map(e -> new ExportStatus(ServiceKey.parse(e), List.of())).toList();
        return new ClusterPlan(cluster, 0, List.of(), status, null, List.of());
    }

    @Test
    void firstPlanOfAClusterIsVersionOne() {
        PlanStamper.Result result = stamper.stamp(List.of(plan("east", "shop/a")), Map.of());

        assertThat(result.stamps()).singleElement().satisfies(stamp -> {
            assertThat(stamp.stored().version()).isEqualTo(1);
            assertThat(FederationCodecs.clusterPlan().decode(stamp.stored().json()))
                    .isEqualTo(plan("east", "shop/a").withVersion(1));
        });
    }

    @Test
    void unchangedContentGetsNoNewVersionWhetherHeldInMemoryOrAsDigest() {
        PlanStamper.Result first = stamper.stamp(List.of(plan("east", "shop/a")), Map.of());
        PlanStamper.Held inMemory = first.held().get("east");
        PlanStamper.Held digestOnly = new PlanStamper.Held(inMemory.version(), inMemory.digest(), null);

        assertThat(stamper.stamp(List.of(plan("east", "shop/a")), first.held()).stamps()).isEmpty();
        assertThat(stamper.stamp(List.of(plan("east", "shop/a")), Map.of("east", digestOnly)).stamps()).isEmpty();
    }

    @Test
    void changedContentGetsTheHeldVersionPlusOneOnlyForThatCluster() {
        PlanStamper.Result first = stamper.stamp(List.of(plan("east", "shop/a"), plan("west", "shop/b")), Map.of());

        PlanStamper.Result second = stamper.stamp(List.of(plan("east", "shop/a", "shop/c"), plan("west", "shop/b")),
                first.held());

        assertThat(second.stamps()).singleElement().satisfies(stamp -> {
            assertThat(stamp.clusterId()).isEqualTo("east");
            assertThat(stamp.stored().version()).isEqualTo(2);
        });
        assertThat(second.held().get("west").version()).isEqualTo(1);
    }

    @Test
    void versionsContinueFromAPersistedVersionWithoutContent() {
        PlanStamper.Result result = stamper.stamp(List.of(plan("east")), Map.of("east", new PlanStamper.Held(41, null, null)));

        assertThat(result.stamps()).singleElement().satisfies(stamp -> assertThat(stamp.stored().version()).isEqualTo(42));
    }

    @Test
    void versionWrittenIntoTheEncodingMatchesAFreshEncoding() {
        byte[] atZero = FederationCodecs.clusterPlan().encode(plan("east-1", "shop/a"));

        byte[] spliced = PlanStamper.PlanBytes.atVersion(atZero, "east-1", 1234);

        assertThat(spliced).isEqualTo(FederationCodecs.clusterPlan().encode(plan("east-1", "shop/a").withVersion(1234)));
    }
}
