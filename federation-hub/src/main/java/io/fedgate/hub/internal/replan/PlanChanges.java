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
import java.util.HashMap;
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
 * {@link io.fedgate.hub.planning.FederationPlanner#replan} keeps) are not looked at, unless the cluster now
 * takes another path to one of their exporters; so one export change costs one service times the clusters,
 * and a cluster joining costs its own services times the clusters.
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
        ServicesByServer byServer = new ServicesByServer(before, after);
        for (String id : after.clusterIds()) {
            boolean known = before.paths().indexOf(id) >= 0;
            Set<String> changedServers = known ? changedServers(id, before.paths(), after.paths()) : Set.of();
            List<ExportStatus> status = after.exportStatus().getOrDefault(id, List.of());
            List<GatewayPeer> peers = after.gatewayPeers().getOrDefault(id, List.of());
            boolean statusChanged = !status.equals(before.exportStatus().getOrDefault(id, List.of()));
            boolean peersChanged = !peers.equals(before.gatewayPeers().getOrDefault(id, List.of()));
            if (!known || !changedServers.isEmpty() || statusChanged || peersChanged) {
                clusterParts.add(id);
            }
            if (!known) {
                clusters.put(id, ClusterChange.RESYNC);
                continue;
            }
            Set<ServiceKey> candidates = changedServices;
            if (!changedServers.isEmpty()) {
                candidates = new TreeSet<>(changedServices);
                for (String server : changedServers) {
                    candidates.addAll(byServer.servicesOf(server));
                }
            }
            ClusterChange change = importChanges(id, before, after, candidates, statusChanged ? status : null,
                    interconnect, peersChanged ? peers : null);
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

    /** The clusters {@code id} reaches by another path now (or only before, or only now). */
    private static Set<String> changedServers(String id, PathTable before, PathTable after) {
        if (before == after) {
            return Set.of();
        }
        Set<String> changed = new HashSet<>();
        int b = before.indexOf(id);
        int a = after.indexOf(id);
        for (String server : after.clusterIds()) {
            int then = before.indexOf(server);
            if (then < 0 || before.path(b, then) != after.path(a, after.indexOf(server))) {
                changed.add(server);
            }
        }
        before.clusterIds().stream().filter(server -> after.indexOf(server) < 0).forEach(changed::add);
        return changed;
    }

    /** The services each cluster serves, in either plan; built on first use. */
    private static final class ServicesByServer {
        private final FederationPlan before;
        private final FederationPlan after;
        private Map<String, Set<ServiceKey>> index;

        ServicesByServer(FederationPlan before, FederationPlan after) {
            this.before = before;
            this.after = after;
        }

        Set<ServiceKey> servicesOf(String server) {
            if (index == null) {
                index = new HashMap<>();
                add(before);
                add(after);
            }
            return index.getOrDefault(server, Set.of());
        }

        private void add(FederationPlan plan) {
            plan.services().forEach((key, service) -> service.variants().get(0).clusters()
                    .forEach(c -> index.computeIfAbsent(c.clusterId(), k -> new HashSet<>()).add(key)));
        }
    }
}
