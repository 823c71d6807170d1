package io.fedgate.hub.planning;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.hub.planning.internal.AddressSpace;
import io.fedgate.hub.planning.internal.AvailabilityZonePlanner;
import io.fedgate.hub.planning.internal.GatewayPeerPlanner;
import io.fedgate.hub.planning.internal.ImportPlanner;
import io.fedgate.hub.planning.internal.ImportResolution;
import io.fedgate.hub.planning.internal.InterconnectGroupPlanner;
import io.fedgate.hub.planning.internal.InterconnectMember;
import io.fedgate.hub.planning.internal.LoadBalancingPlanner;
import io.fedgate.hub.planning.internal.OverlapTable;
import io.fedgate.hub.planning.internal.PathSelector;
import io.fedgate.hub.planning.internal.TransitLayout;
import io.fedgate.hub.planning.internal.TransitSwitchPlanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Plans the whole cluster set from its inventories: a pure, deterministic function (no I/O, no clock, no
 * shared state), so equal input gives an equal {@link FederationPlan} whatever the order of inventories,
 * exports or endpoints. Safe to call from several threads.
 *
 * <p>The steps, in order; each is one planner of {@code io.fedgate.hub.planning.internal}:
 * <ol>
 *   <li>{@code addressSpaces}: each cluster's prefixes and which pairs overlap in a way pods could not
 *       tell apart;</li>
 *   <li>{@code interconnectGroup}: the clusters OVN-IC can join;</li>
 *   <li>{@code paths}: direct, routed or gateway, per cluster pair;</li>
 *   <li>{@code imports}: MCS merge of every service's exports, export conditions;</li>
 *   <li>{@code transitSwitches}: transit switches and the members' stable addresses;</li>
 *   <li>{@code interconnect}: per-AZ route denylists, with the switches, as one {@link InterconnectPlan};</li>
 *   <li>{@code loadBalancing}: each cluster's imports with endpoints per serving cluster;</li>
 *   <li>{@code gatewayPeers}: whom each cluster's gateways tunnel to;</li>
 *   <li>{@code clusterPlans}: one {@link ClusterPlan} per cluster, at version 0.</li>
 * </ol>
 */
public final class FederationPlanner {
    private final InterconnectGroupPlanner groupPlanner = new InterconnectGroupPlanner();
    private final PathSelector pathSelector = new PathSelector();
    private final ImportPlanner importPlanner = new ImportPlanner();
    private final TransitSwitchPlanner transitSwitchPlanner = new TransitSwitchPlanner();
    private final AvailabilityZonePlanner zonePlanner = new AvailabilityZonePlanner();
    private final LoadBalancingPlanner loadBalancingPlanner = new LoadBalancingPlanner();
    private final GatewayPeerPlanner gatewayPeerPlanner = new GatewayPeerPlanner();

    /**
     * Plans every cluster of {@code input}. Never fails on an input that {@link PlanningInput} accepted:
     * what cannot be interconnected or merged is planned through gateways or reported as a conflict.
     */
    public FederationPlan plan(PlanningInput input) {
        List<ClusterInventory> clusters = input.inventories().stream()
                .sorted(Comparator.comparing(ClusterInventory::clusterId)).toList();
        OverlapTable overlaps = addressSpaces(clusters);
        InterconnectGroup group = interconnectGroup(clusters, overlaps, input);
        PathTable paths = paths(clusters, overlaps, group);
        ImportResolution imports = imports(clusters);
        TransitLayout transit = transitSwitches(clusters, group, input);
        InterconnectPlan interconnect = interconnect(clusters, overlaps, group, transit);
        Map<String, List<ServiceImport>> importsByCluster = loadBalancing(imports, paths, input);
        Map<String, List<GatewayPeer>> peersByCluster = gatewayPeers(clusters, paths);
        List<ClusterPlan> plans = clusterPlans(clusters, imports, importsByCluster, interconnect, peersByCluster);
        return new FederationPlan(plans, interconnect, transit.allocations(), group, paths);
    }

    private static OverlapTable addressSpaces(List<ClusterInventory> clusters) {
        return OverlapTable.of(clusters.stream().map(AddressSpace::of).toList());
    }

    private InterconnectGroup interconnectGroup(List<ClusterInventory> clusters, OverlapTable overlaps,
                                                PlanningInput input) {
        return groupPlanner.plan(clusters, overlaps, input.previousAllocations().availabilityZones());
    }

    private PathTable paths(List<ClusterInventory> clusters, OverlapTable overlaps, InterconnectGroup group) {
        return pathSelector.select(clusters, overlaps, group);
    }

    private ImportResolution imports(List<ClusterInventory> clusters) {
        return importPlanner.resolve(clusters);
    }

    private TransitLayout transitSwitches(List<ClusterInventory> clusters, InterconnectGroup group,
                                          PlanningInput input) {
        List<InterconnectMember> members = clusters.stream().filter(c -> group.contains(c.clusterId()))
                .map(c -> new InterconnectMember(c.clusterId(), c.network().availabilityZone(),
                        c.network().gatewayNodes()))
                .toList();
        return transitSwitchPlanner.plan(members, input.transitSwitchCount(), input.previousAllocations());
    }

    private InterconnectPlan interconnect(List<ClusterInventory> clusters, OverlapTable overlaps,
                                          InterconnectGroup group, TransitLayout transit) {
        if (group.isEmpty()) {
            return InterconnectPlan.EMPTY;
        }
        return new InterconnectPlan(0, transit.switches(), zonePlanner.plan(clusters, overlaps.spaces(), group));
    }

    private Map<String, List<ServiceImport>> loadBalancing(ImportResolution imports, PathTable paths,
                                                           PlanningInput input) {
        return loadBalancingPlanner.plan(imports.services(), paths, input.expiredLeases());
    }

    private Map<String, List<GatewayPeer>> gatewayPeers(List<ClusterInventory> clusters, PathTable paths) {
        return gatewayPeerPlanner.plan(clusters, paths);
    }

    private static List<ClusterPlan> clusterPlans(List<ClusterInventory> clusters, ImportResolution imports,
                                                  Map<String, List<ServiceImport>> importsByCluster,
                                                  InterconnectPlan interconnect,
                                                  Map<String, List<GatewayPeer>> peersByCluster) {
        List<ClusterPlan> plans = new ArrayList<>(clusters.size());
        for (ClusterInventory cluster : clusters) {
            String id = cluster.clusterId();
            plans.add(new ClusterPlan(id, 0, importsByCluster.get(id), imports.exportStatusOf(id), interconnect,
                    peersByCluster.get(id)));
        }
        return plans;
    }
}
