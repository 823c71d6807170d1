package io.fedgate.hub.planning;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What {@link FederationPlanner#plan} decided for the whole cluster set, held once: each service's import
 * variants ({@link ServicePlan}), each cluster's export statuses and gateway peers, and the interconnect plan
 * every cluster shares. A cluster's {@link ClusterPlan} is derived from them ({@link #plan}); at 255 clusters
 * importing 51,000 services each, the derived plans would be 13 million import entries, the held form is
 * 51,000 services with one or two variants each.
 *
 * <p>Plans carry version 0, the interconnect plan too: the hub compares each new plan with the last one it
 * stored and stamps the next version only on the clusters whose content changed. Equal input gives an equal
 * {@code FederationPlan}, so an unchanged cluster never sees a new version.
 *
 * @param clusterIds         every cluster, sorted
 * @param services           every exported service, sorted by key
 * @param exportStatus       cluster id → the statuses of its exports, sorted by service; clusters exporting
 *                           nothing are absent
 * @param gatewayPeers       cluster id → its gateway peers, for every cluster
 * @param interconnect       the OVN-IC layout, {@link InterconnectPlan#EMPTY} when fewer than two clusters
 *                           can be interconnected
 * @param transitAllocations the host indexes to persist and pass back as
 *                           {@link PlanningInput#previousAllocations()} next time
 * @param interconnectGroup  which clusters are interconnected and why the others are not
 * @param paths              the data path of every ordered cluster pair, with reasons
 */
public record FederationPlan(List<String> clusterIds, SortedMap<ServiceKey, ServicePlan> services,
                             Map<String, List<ExportStatus>> exportStatus, Map<String, List<GatewayPeer>> gatewayPeers,
                             InterconnectPlan interconnect, TransitAllocations transitAllocations,
                             InterconnectGroup interconnectGroup, PathTable paths) {
    public FederationPlan {
        clusterIds = List.copyOf(clusterIds);
        services = java.util.Collections.unmodifiableSortedMap(services);
        exportStatus = Map.copyOf(exportStatus);
        gatewayPeers = Map.copyOf(gatewayPeers);
    }

    /** The plan of {@code clusterId} at version 0, or null when the cluster is not in the set. */
    public ClusterPlan plan(String clusterId) {
        if (paths.indexOf(clusterId) < 0) {
            return null;
        }
        List<ServiceImport> imports = new ArrayList<>(services.size());
        services.values().forEach(s -> imports.add(s.importFor(clusterId, paths)));
        return new ClusterPlan(clusterId, 0, imports, exportStatus.getOrDefault(clusterId, List.of()), interconnect,
                gatewayPeers.getOrDefault(clusterId, List.of()));
    }

    /** Every cluster's plan, sorted by cluster id: clusters × services imports, so for tests and small sets. */
    public List<ClusterPlan> clusterPlans() {
        return clusterIds.stream().map(this::plan).toList();
    }
}
