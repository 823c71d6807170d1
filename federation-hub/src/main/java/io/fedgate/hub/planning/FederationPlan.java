package io.fedgate.hub.planning;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.InterconnectPlan;
import java.util.Comparator;
import java.util.List;

/**
 * What {@link FederationPlanner#plan} decided for the whole cluster set.
 *
 * <p>Plans carry version 0, the interconnect plan too: the hub compares each new plan with the last one it
 * stored (ignoring versions, e.g. with {@link ClusterPlan#withVersion}) and stamps the next version only on
 * the plans whose content changed. Equal input gives an equal {@code FederationPlan}, so an unchanged
 * cluster never sees a new version.
 *
 * @param clusterPlans       one per cluster, sorted by cluster id; each carries {@link #interconnect()}
 * @param interconnect       the OVN-IC layout, {@link InterconnectPlan#EMPTY} when fewer than two clusters
 *                           can be interconnected
 * @param transitAllocations the host indexes to persist and pass back as
 *                           {@link PlanningInput#previousAllocations()} next time
 * @param interconnectGroup  which clusters are interconnected and why the others are not
 * @param paths              the data path of every ordered cluster pair, with reasons
 */
public record FederationPlan(List<ClusterPlan> clusterPlans, InterconnectPlan interconnect,
                             TransitAllocations transitAllocations, InterconnectGroup interconnectGroup,
                             PathTable paths) {
    private static final Comparator<ClusterPlan> BY_CLUSTER = Comparator.comparing(ClusterPlan::clusterId);

    public FederationPlan {
        clusterPlans = clusterPlans.stream().sorted(BY_CLUSTER).toList();
    }

    /** The plan of {@code clusterId}, or null when the cluster is not in the set. */
    public ClusterPlan plan(String clusterId) {
        return clusterPlans.stream().filter(p -> p.clusterId().equals(clusterId)).findFirst().orElse(null);
    }
}
