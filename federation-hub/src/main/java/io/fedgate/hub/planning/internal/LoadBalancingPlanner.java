package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.hub.planning.PathTable;
import io.fedgate.hub.planning.ServicePlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives every cluster every import (MCS: an import exists cluster-set-wide; the agent decides where it
 * lands), with one {@link ClusterEndpoints} per serving cluster, sorted by cluster id:
 * <ul>
 *   <li>region and zone of the serving cluster, the path from the client to it;</li>
 *   <li>weight and priority from the export; a non-empty {@code failoverOrder} in the import's policy
 *       overrides priorities: a named cluster's priority is its position in the list (first occurrence),
 *       an unnamed one's is the list's length plus its exporter priority, so it comes after the named ones;</li>
 *   <li>health: {@code LEASE_EXPIRED} when the serving cluster's lease expired, with its endpoints
 *       withdrawn (empty) but the cluster kept in the list; else {@code NO_READY_ENDPOINTS} when none is
 *       ready; else {@code HEALTHY}. Endpoints are sorted by address.</li>
 * </ul>
 * The output is clusters × services imports, but it is built from shared parts: one endpoint entry per
 * (service, serving cluster, path), and one import per (service, vector of paths to its exporters), so
 * clients that see the same paths share one {@link ServiceImport} instance.
 */
public final class LoadBalancingPlanner {
    private static final Comparator<Endpoint> ENDPOINT_ORDER = Comparator
            .comparing(Endpoint::address)
            .thenComparing(Endpoint::nodeName, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Endpoint::zone, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Endpoint::ready)
            .thenComparing(e -> new TreeMap<>(e.targetPorts()).toString());
    private static final DataPath[] PATHS = DataPath.values();

    /**
     * @param services      merged services, sorted by service key
     * @param paths         the path of every cluster pair; its clusters are the clients
     * @param expiredLeases clusters whose endpoints are withdrawn
     * @return client cluster id → its imports in service order, for every cluster of {@code paths}, in id order
     */
    public Map<String, List<ServiceImport>> plan(List<MergedService> services, PathTable paths,
                                                 Set<String> expiredLeases) {
        List<ServicePlan> plans = servicePlans(services, paths, expiredLeases);
        Map<String, List<ServiceImport>> byClient = new LinkedHashMap<>();
        for (String client : paths.clusterIds()) {
            List<ServiceImport> imports = new ArrayList<>(plans.size());
            plans.forEach(p -> imports.add(p.importFor(client, paths)));
            byClient.put(client, List.copyOf(imports));
        }
        return byClient;
    }

    /**
     * The variants of each service: one {@link ServicePlan} per merged service, in the order given; each variant
     * built once and shared by every client whose paths to the exporters are the same.
     */
    public List<ServicePlan> servicePlans(List<MergedService> services, PathTable paths, Set<String> expiredLeases) {
        int clients = paths.clusterIds().size();
        List<ServicePlan> plans = new ArrayList<>(services.size());
        for (MergedService service : services) {
            ServiceImports imports = new ServiceImports(service, paths, expiredLeases);
            for (int client = 0; client < clients; client++) {
                imports.forClient(client);
            }
            plans.add(new ServicePlan(service.service(), imports.variants()));
        }
        return plans;
    }

    /** The imports of one service, built once per distinct vector of client-to-exporter paths. */
    private static final class ServiceImports {
        private final MergedService service;
        private final PathTable paths;
        private final int[] exporterIndex;
        private final ClusterEndpoints[][] entryByPath;
        private final List<List<Endpoint>> endpoints;
        private final List<ClusterHealth> health;
        private final int[] priority;
        private final Map<PathVector, ServiceImport> importByPaths = new HashMap<>();
        private final List<ServiceImport> variants = new ArrayList<>();
        private final PathVector probe;

        ServiceImports(MergedService service, PathTable paths, Set<String> expiredLeases) {
            this.service = service;
            this.paths = paths;
            int count = service.exporters().size();
            this.exporterIndex = new int[count];
            this.entryByPath = new ClusterEndpoints[count][PATHS.length];
            this.endpoints = new ArrayList<>(count);
            this.health = new ArrayList<>(count);
            this.priority = new int[count];
            this.probe = new PathVector(new byte[count]);
            for (int k = 0; k < count; k++) {
                ServingExport exporter = service.exporters().get(k);
                exporterIndex[k] = paths.indexOf(exporter.clusterId());
                ClusterHealth h = health(exporter, expiredLeases);
                health.add(h);
                endpoints.add(h == ClusterHealth.LEASE_EXPIRED ? List.of()
                        : exporter.export().endpoints().stream().sorted(ENDPOINT_ORDER).toList());
                priority[k] = priority(exporter, service.policy());
            }
        }

        ServiceImport forClient(int client) {
            byte[] vector = probe.paths();
            for (int k = 0; k < vector.length; k++) {
                vector[k] = (byte) paths.path(client, exporterIndex[k]).ordinal();
            }
            ServiceImport shared = importByPaths.get(probe);
            if (shared == null) {
                shared = build(vector);
                importByPaths.put(new PathVector(vector.clone()), shared);
                variants.add(shared);
            }
            return shared;
        }

        List<ServiceImport> variants() {
            return variants;
        }

        private ServiceImport build(byte[] vector) {
            List<ClusterEndpoints> clusters = new ArrayList<>(vector.length);
            for (int k = 0; k < vector.length; k++) {
                clusters.add(entry(k, PATHS[vector[k]]));
            }
            return new ServiceImport(service.service(), service.type(), service.sessionAffinity(), service.ports(),
                    service.policy(), clusters, service.properties());
        }

        private ClusterEndpoints entry(int k, DataPath path) {
            ClusterEndpoints entry = entryByPath[k][path.ordinal()];
            if (entry == null) {
                ServingExport exporter = service.exporters().get(k);
                ExportedService export = exporter.export();
                entry = new ClusterEndpoints(exporter.clusterId(), exporter.cluster().network().region(),
                        exporter.cluster().network().zone(), path, export.weight(), priority[k], health.get(k),
                        endpoints.get(k));
                entryByPath[k][path.ordinal()] = entry;
            }
            return entry;
        }
    }

    private static ClusterHealth health(ServingExport exporter, Set<String> expiredLeases) {
        if (expiredLeases.contains(exporter.clusterId())) {
            return ClusterHealth.LEASE_EXPIRED;
        }
        return exporter.export().readyEndpoints() == 0 ? ClusterHealth.NO_READY_ENDPOINTS : ClusterHealth.HEALTHY;
    }

    private static int priority(ServingExport exporter, TrafficPolicy policy) {
        List<String> order = policy.failoverOrder();
        if (order.isEmpty()) {
            return exporter.export().priority();
        }
        int position = order.indexOf(exporter.clusterId());
        return position >= 0 ? position : order.size() + exporter.export().priority();
    }

    /** The paths from one client to each exporter, as a hash key. */
    private record PathVector(byte[] paths) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PathVector v && Arrays.equals(paths, v.paths);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(paths);
        }
    }
}
