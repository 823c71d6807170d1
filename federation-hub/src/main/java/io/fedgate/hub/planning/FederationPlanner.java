package io.fedgate.hub.planning;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.hub.planning.internal.AddressSpace;
import io.fedgate.hub.planning.internal.AvailabilityZonePlanner;
import io.fedgate.hub.planning.internal.EndpointSubnets;
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
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hub.planning.internal.MergedService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

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
 *   <li>{@code loadBalancing}: each service's imports with endpoints per serving cluster, one variant per
 *       distinct vector of client paths ({@link ServicePlan});</li>
 *   <li>{@code gatewayPeers}: whom each cluster's gateways tunnel to.</li>
 * </ol>
 * Each cluster's {@link io.fedgate.api.model.ClusterPlan} is derived from the result ({@link FederationPlan#plan}).
 * {@link #replan} gives the same result from the previous plan, redoing only the services an export or lease
 * change touched.
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
        PathTable paths = paths(clusters, overlaps, group, input);
        ImportResolution imports = imports(clusters);
        TransitLayout transit = transitSwitches(clusters, group, input);
        InterconnectPlan interconnect = interconnect(clusters, overlaps, group, transit);
        SortedMap<ServiceKey, ServicePlan> services = new TreeMap<>();
        loadBalancing(imports.services(), paths, input).forEach(p -> services.put(p.service(), p));
        Map<String, List<GatewayPeer>> peersByCluster = gatewayPeers(clusters, paths);
        return new FederationPlan(paths.clusterIds(), services, imports.exportStatus(), peersByCluster, interconnect,
                transit.allocations(), group, paths);
    }

    /**
     * The plan of {@code input}, computed from {@code previous} (the plan of {@code previousInput}) by replanning
     * only what changed: equal to {@link #plan plan(input)}, and as pure. When only exports or leases changed
     * (same clusters, same networks, same transit settings), only the services exported by changed exports or
     * by clusters whose lease changed are merged and load-balanced again, and only their exporters' statuses
     * are recomputed; paths, the interconnect plan and gateway peers are kept. Otherwise everything is planned.
     */
    public FederationPlan replan(FederationPlan previous, PlanningInput previousInput, PlanningInput input) {
        if (previous == null || previousInput == null || !sameNetworks(previousInput, input)
                || !input.previousAllocations().equals(previous.transitAllocations())) {
            return plan(input);
        }
        Map<String, ClusterInventory> before = byId(previousInput.inventories());
        Set<ServiceKey> changed = new TreeSet<>();
        for (ClusterInventory now : input.inventories()) {
            ClusterInventory then = before.get(now.clusterId());
            if (then != now && !then.exports().equals(now.exports())) {
                changed.addAll(changedExports(then, now));
            }
            String id = now.clusterId();
            if (previousInput.expiredLeases().contains(id) != input.expiredLeases().contains(id)) {
                then.exports().forEach(e -> changed.add(e.service()));
                now.exports().forEach(e -> changed.add(e.service()));
            }
        }
        if (changed.isEmpty()) {
            return previous;
        }
        List<ClusterInventory> exportersOfChanged = input.inventories().stream()
                .sorted(Comparator.comparing(ClusterInventory::clusterId))
                .map(c -> onlyExportsOf(c, changed)).toList();
        ImportResolution imports = imports(exportersOfChanged);
        SortedMap<ServiceKey, ServicePlan> services = new TreeMap<>(previous.services());
        changed.forEach(services::remove);
        loadBalancing(imports.services(), previous.paths(), input).forEach(p -> services.put(p.service(), p));
        Map<String, List<ExportStatus>> statuses = new TreeMap<>(previous.exportStatus());
        for (ClusterInventory cluster : exportersOfChanged) {
            String id = cluster.clusterId();
            List<ExportStatus> kept = statuses.getOrDefault(id, List.of()).stream()
                    .filter(s -> !changed.contains(s.service())).toList();
            List<ExportStatus> fresh = imports.exportStatusOf(id);
            if (kept.size() == statuses.getOrDefault(id, List.of()).size() && fresh.isEmpty()) {
                continue;
            }
            List<ExportStatus> merged = new ArrayList<>(kept);
            merged.addAll(fresh);
            merged.sort(Comparator.comparing(ExportStatus::service));
            if (merged.isEmpty()) {
                statuses.remove(id);
            } else {
                statuses.put(id, List.copyOf(merged));
            }
        }
        return new FederationPlan(previous.clusterIds(), services, statuses, previous.gatewayPeers(),
                previous.interconnect(), previous.transitAllocations(), previous.interconnectGroup(),
                previous.paths());
    }

    /**
     * Same clusters with equal networks and exported endpoints in the same kinds of subnets, same expiries'
     * clusters known, same transit switch count, same pairs held on gateways.
     */
    private static boolean sameNetworks(PlanningInput before, PlanningInput now) {
        if (before.transitSwitchCount() != now.transitSwitchCount()
                || !before.heldOnGateway().equals(now.heldOnGateway())
                || before.inventories().size() != now.inventories().size()) {
            return false;
        }
        Map<String, ClusterInventory> then = byId(before.inventories());
        for (ClusterInventory cluster : now.inventories()) {
            ClusterInventory old = then.get(cluster.clusterId());
            if (old == null || !old.network().equals(cluster.network())
                    || old.exports().isEmpty() != cluster.exports().isEmpty()) {
                // whether a cluster exports anything decides its gateway peers
                return false;
            }
            if (old != cluster && !EndpointSubnets.of(old).equals(EndpointSubnets.of(cluster))) {
                // the subnets exported endpoints sit in take part in the path of every pair with this cluster
                return false;
            }
        }
        return true;
    }

    private static Map<String, ClusterInventory> byId(List<ClusterInventory> inventories) {
        Map<String, ClusterInventory> byId = new HashMap<>(inventories.size() * 2);
        inventories.forEach(i -> byId.put(i.clusterId(), i));
        return byId;
    }

    /** The services whose export differs between two inventories of one cluster. */
    private static Set<ServiceKey> changedExports(ClusterInventory then, ClusterInventory now) {
        Map<ServiceKey, ExportedService> old = new HashMap<>();
        then.exports().forEach(e -> old.put(e.service(), e));
        Set<ServiceKey> changed = new HashSet<>();
        for (ExportedService export : now.exports()) {
            ExportedService was = old.remove(export.service());
            if (!export.equals(was)) {
                changed.add(export.service());
            }
        }
        changed.addAll(old.keySet());
        return changed;
    }

    private static ClusterInventory onlyExportsOf(ClusterInventory cluster, Set<ServiceKey> services) {
        List<ExportedService> exports = cluster.exports().stream().filter(e -> services.contains(e.service())).toList();
        return new ClusterInventory(cluster.clusterId(), cluster.generation(), cluster.network(), exports);
    }

    private static OverlapTable addressSpaces(List<ClusterInventory> clusters) {
        return OverlapTable.of(clusters.stream().map(AddressSpace::of).toList());
    }

    private InterconnectGroup interconnectGroup(List<ClusterInventory> clusters, OverlapTable overlaps,
                                                PlanningInput input) {
        return groupPlanner.plan(clusters, overlaps, input.previousAllocations().availabilityZones());
    }

    private PathTable paths(List<ClusterInventory> clusters, OverlapTable overlaps, InterconnectGroup group,
                            PlanningInput input) {
        return pathSelector.select(clusters, overlaps, group, input.heldOnGateway());
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

    private List<ServicePlan> loadBalancing(List<MergedService> services, PathTable paths, PlanningInput input) {
        return loadBalancingPlanner.servicePlans(services, paths, input.expiredLeases());
    }

    private Map<String, List<GatewayPeer>> gatewayPeers(List<ClusterInventory> clusters, PathTable paths) {
        return gatewayPeerPlanner.plan(clusters, paths);
    }

}
