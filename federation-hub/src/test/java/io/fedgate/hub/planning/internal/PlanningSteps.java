package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.hub.planning.InterconnectGroup;
import io.fedgate.hub.planning.PathDecision;
import io.fedgate.hub.planning.PathReason;
import io.fedgate.hub.planning.PathTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** Runs the early planning steps the way {@link io.fedgate.hub.planning.FederationPlanner} does. */
final class PlanningSteps {
    private PlanningSteps() {
    }

    static List<ClusterInventory> sorted(ClusterInventory... clusters) {
        return Arrays.stream(clusters).sorted(Comparator.comparing(ClusterInventory::clusterId)).toList();
    }

    static OverlapTable overlaps(List<ClusterInventory> clusters) {
        return OverlapTable.of(clusters.stream().map(AddressSpace::of).toList());
    }

    static InterconnectGroup group(List<ClusterInventory> clusters, Set<String> incumbentZones) {
        return new InterconnectGroupPlanner().plan(clusters, overlaps(clusters), incumbentZones);
    }

    /** Paths with the interconnect group chosen from scratch. */
    static PathTable paths(ClusterInventory... clusters) {
        List<ClusterInventory> sorted = sorted(clusters);
        return new PathSelector().select(sorted, overlaps(sorted), group(sorted, Set.of()));
    }

    /** A hand-made path table over sorted {@code ids}. */
    static PathTable pathTable(List<String> ids, BiFunction<String, String, PathReason> reason) {
        List<PathDecision> decisions = new ArrayList<>();
        for (String client : ids) {
            for (String server : ids) {
                decisions.add(PathDecision.of(client, server,
                        client.equals(server) ? PathReason.SAME_CLUSTER : reason.apply(client, server)));
            }
        }
        return new PathTable(ids, decisions);
    }
}
