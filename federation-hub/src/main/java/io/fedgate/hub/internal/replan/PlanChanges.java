package io.fedgate.hub.internal.replan;

import io.fedgate.api.codec.ModelReaders;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hub.planning.FederationPlan;
import io.fedgate.hub.planning.PathTable;
import io.fedgate.hub.planning.ServicePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one planning run changed, from the plan the clusters hold to the new one: per cluster, the
 * {@link io.fedgate.api.model.PlanDelta} parts (imports upserted or removed, and the export statuses, gateway
 * peers and interconnect plan when they differ), or a resync; and which shared pieces to store again. A pure
 * function of the two plans.
 *
 * <p>Cost: services whose {@link ServicePlan} is the same object in both plans (what
 * {@link io.fedgate.hub.planning.FederationPlanner#replan} keeps) are not looked at, unless a cluster's paths
 * changed; so one export change costs one service times the clusters.
 */
final class PlanChanges {
    /** Most imports upserted plus removed in one stored delta; a larger change is sent as a resync. */
    static final int MAX_DELTA_IMPORTS = ModelReaders.DEFAULT_MAX_IMPORTS;

    /**
     * One cluster's change.
     *
     * @param resync       true when the cluster must take a whole plan (no baseline, or too large a change);
     *                     the other fields are then empty
     * @param exportStatus null when unchanged
     * @param gatewayPeers null when unchanged
     */
    record ClusterChange(boolean resync, List<ServiceImport> upserts, List<ServiceKey> removals,
                         List<ExportStatus> exportStatus, boolean interconnect, List<GatewayPeer> gatewayPeers) {
        static final ClusterChange RESYNC = new ClusterChange(true, List.of(), List.of(), null, false, null);

        boolean isEmpty() {
            return !resync && upserts.isEmpty() && removals.isEmpty() && exportStatus == null && !interconnect
                    && gatewayPeers == null;
        }
    }

    /**
     * @param clusters        cluster id → its change, only for clusters whose plan changed, in id order
     * @param services        services whose stored variants must be written (or removed)
     * @param clusterParts    clusters whose stored own part must be written (or removed)
     * @param interconnect    true when the stored interconnect plan must be written
     */
    record Result(Map<String, ClusterChange> clusters, Set<ServiceKey> services, Set<String> clusterParts,
                  boolean interconnect) {
    }

    private PlanChanges() {
    }

    /**
     * The changes from {@code before} (null: what clusters hold is unknown, every cluster resyncs and every
     * piece is written) to {@code after}.
     */
    static Result between(FederationPlan before, FederationPlan after) {
        if (before == null) {
            Map<String, ClusterChange> all = new LinkedHashMap<>();
            after.clusterIds().forEach(id -> all.put(id, ClusterChange.RESYNC));
            return new Result(all, new TreeSet<>(after.services().keySet()), new TreeSet<>(after.clusterIds()), true);
        }
        Set<ServiceKey> changedServices = changedServices(before, after);
        boolean interconnect = !before.interconnect().equals(after.interconnect());
        Set<String> clusterParts = new TreeSet<>();
        before.clusterIds().stream().filter(id -> after.paths().indexOf(id) < 0).forEach(clusterParts::add);
        Map<String, ClusterChange> clusters = new LinkedHashMap<>();
        for (String id : after.clusterIds()) {
            boolean known = before.paths().indexOf(id) >= 0;
            boolean pathsChanged = !known || pathsChanged(id, before.paths(), after.paths());
            List<ExportStatus> status = after.exportStatus().getOrDefault(id, List.of());
            List<GatewayPeer> peers = after.gatewayPeers().getOrDefault(id, List.of());
            boolean statusChanged = !status.equals(before.exportStatus().getOrDefault(id, List.of()));
            boolean peersChanged = !peers.equals(before.gatewayPeers().getOrDefault(id, List.of()));
            if (pathsChanged || statusChanged || peersChanged) {
                clusterParts.add(id);
            }
            if (!known) {
                clusters.put(id, ClusterChange.RESYNC);
                continue;
            }
            ClusterChange change = importChanges(id, before, after,
                    pathsChanged ? union(before.services().keySet(), after.services().keySet()) : changedServices,
                    statusChanged ? status : null, interconnect, peersChanged ? peers : null);
            if (!change.isEmpty()) {
                clusters.put(id, change);
            }
        }
        return new Result(clusters, changedServices, clusterParts, interconnect);
    }

    private static ClusterChange importChanges(String id, FederationPlan before, FederationPlan after,
                                               Set<ServiceKey> candidates, List<ExportStatus> status,
                                               boolean interconnect, List<GatewayPeer> peers) {
        List<ServiceImport> upserts = new ArrayList<>();
        List<ServiceKey> removals = new ArrayList<>();
        for (ServiceKey key : candidates) {
            ServicePlan next = after.services().get(key);
            ServicePlan previous = before.services().get(key);
            ServiceImport now = next == null ? null : next.importFor(id, after.paths());
            ServiceImport then = previous == null ? null : previous.importFor(id, before.paths());
            if (now == then || Objects.equals(now, then)) {
                continue;
            }
            if (now == null) {
                removals.add(key);
            } else {
                upserts.add(now);
            }
        }
        if (upserts.size() + removals.size() > MAX_DELTA_IMPORTS) {
            return ClusterChange.RESYNC;
        }
        return new ClusterChange(false, upserts, removals, status, interconnect, peers);
    }

    /** Services whose plan is not the same (by identity, then by value) in both. */
    private static Set<ServiceKey> changedServices(FederationPlan before, FederationPlan after) {
        Set<ServiceKey> changed = new TreeSet<>();
        after.services().forEach((key, plan) -> {
            ServicePlan previous = before.services().get(key);
            if (previous != plan && !plan.equals(previous)) {
                changed.add(key);
            }
        });
        before.services().keySet().stream().filter(k -> !after.services().containsKey(k)).forEach(changed::add);
        return changed;
    }

    private static boolean pathsChanged(String id, PathTable before, PathTable after) {
        if (before == after) {
            return false;
        }
        if (!before.clusterIds().equals(after.clusterIds())) {
            return true;
        }
        int b = before.indexOf(id);
        int a = after.indexOf(id);
        for (int server = 0; server < after.clusterIds().size(); server++) {
            if (before.path(b, server) != after.path(a, server)) {
                return true;
            }
        }
        return false;
    }

    private static Set<ServiceKey> union(Set<ServiceKey> a, Set<ServiceKey> b) {
        Set<ServiceKey> all = new HashSet<>(a);
        all.addAll(b);
        return new TreeSet<>(all);
    }
}
