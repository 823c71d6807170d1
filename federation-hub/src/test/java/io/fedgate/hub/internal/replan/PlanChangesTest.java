package io.fedgate.hub.internal.replan;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.hub.planning.FederationPlan;
import io.fedgate.hub.planning.FederationPlanner;
import io.fedgate.hub.planning.PlanningInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deltas of {@link PlanChanges}, applied to what each cluster held, give each cluster's new plan. */
class PlanChangesTest {
    private final FederationPlanner planner = new FederationPlanner();

    @Test
    void deltasTurnEveryClustersPreviousPlanIntoItsNewOneAndUnchangedClustersGetNone() {
        Random random = new Random(11);
        List<ClusterInventory> inventories = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            inventories.add(randomCluster(random, c));
        }
        PlanningInput input = PlanningInput.of(inventories);
        FederationPlan before = planner.plan(input);
        for (int step = 0; step < 60; step++) {
            List<ClusterInventory> next = new ArrayList<>(inventories);
            int changed = random.nextInt(next.size());
            next.set(changed, randomCluster(random, changed));
            PlanningInput nextInput = new PlanningInput(next, random.nextInt(5) == 0 ? Set.of("c0") : Set.of(),
                    before.transitAllocations(), 1);
            FederationPlan after = planner.replan(before, input, nextInput);

            PlanChanges.Result result = PlanChanges.between(before, after);

            for (String id : after.clusterIds()) {
                ClusterPlan held = before.plan(id);
                ClusterPlan wanted = after.plan(id);
                PlanChanges.ClusterChange change = result.clusters().get(id);
                if (change == null) {
                    assertThat(wanted).as("cluster %s got no version", id).isEqualTo(held);
                    continue;
                }
                assertThat(change.resync()).isFalse();
                PlanDelta delta = new PlanDelta(id, 1, change.upserts(), change.removals(), change.exportStatus(),
                        change.interconnect() ? after.interconnect() : null, change.gatewayPeers());
                assertThat(delta.applyTo(held).withVersion(0)).as("step %d cluster %s", step, id).isEqualTo(wanted);
            }
            inventories = next;
            input = nextInput;
            before = after;
        }
    }

    @Test
    void withoutABaselineEveryClusterResyncsAndEveryPieceIsStored() {
        FederationPlan plan = planner.plan(PlanningInput.of(List.of(randomCluster(new Random(1), 0),
                randomCluster(new Random(2), 1))));

        PlanChanges.Result result = PlanChanges.between(null, plan);

        assertThat(result.clusters()).containsOnlyKeys("c0", "c1");
        assertThat(result.clusters().values()).allMatch(PlanChanges.ClusterChange::resync);
        assertThat(result.services()).isEqualTo(plan.services().keySet());
        assertThat(result.clusterParts()).containsExactly("c0", "c1");
    }

    private static ClusterInventory randomCluster(Random random, int c) {
        // pod ranges drawn from four, so pairs overlap or not from one step to the next: paths change
        int range = 16 + random.nextInt(4);
        var cluster = cluster("c" + c).overlay("az-" + c).pods("10." + range + ".0.0/16")
                .gateway("gw", "198.18.0." + (c + 1), 15443);
        List<io.fedgate.api.model.ExportedService> exports = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            if (random.nextBoolean()) {
                exports.add(export("ns/svc-" + s).tcp("http", 80).at(random.nextInt(3))
                        .ready("10." + range + "." + s + "." + (1 + random.nextInt(3))).build());
            }
        }
        return cluster.exports(exports.toArray(io.fedgate.api.model.ExportedService[]::new)).build();
    }
}
