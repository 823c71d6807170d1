package io.fedgate.gateway.internal.routing;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.GatewayListenerPorts.Listener;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The listening side of one plan: for every gateway listener (TCP port of an import with a gateway-path
 * cluster), how each serving cluster is reached. A listener of one remote endpoint of a headless import is
 * served by that endpoint's cluster alone: a per-pod name must reach that pod or nothing. Immutable.
 */
public final class ImportTable {
    /** How one serving cluster of an import is reached from this gateway. */
    public record ServingCluster(ClusterEndpoints cluster, boolean local, boolean viaGateway,
                                 List<EndpointTarget> endpoints) {
        public ServingCluster {
            endpoints = List.copyOf(endpoints);
        }
    }

    /** One listener's routing: the import, its port, policy and serving clusters. */
    public record ListenerRoute(Listener listener, ServicePort port, TrafficPolicy policy,
                                List<ServingCluster> clusters) {
        public ListenerRoute {
            clusters = List.copyOf(clusters);
        }

        /** The import as {@code namespace/name}, for logs and metrics. */
        public String service() {
            return listener.service().toString();
        }
    }

    private final long planVersion;
    private final Map<Listener, ListenerRoute> routes;
    private final Map<String, List<Listener>> healthListeners;

    private ImportTable(long planVersion, Map<Listener, ListenerRoute> routes) {
        this.planVersion = planVersion;
        this.routes = Collections.unmodifiableMap(routes);
        Map<String, Map<String, Listener>> byService = new TreeMap<>();
        for (Listener l : new TreeSet<>(routes.keySet())) {
            // a ClusterSetIP listener sees every serving cluster; a per-endpoint one only its endpoint's
            byService.computeIfAbsent(l.service().toString(), k -> new TreeMap<>())
                    .putIfAbsent(l.endpoint() == null ? "" : l.endpoint().clusterId(), l);
        }
        Map<String, List<Listener>> health = new TreeMap<>();
        byService.forEach((service, listeners) -> health.put(service, List.copyOf(listeners.values())));
        this.healthListeners = Collections.unmodifiableMap(health);
    }

    /** No plan yet: nothing to listen for. */
    public static ImportTable empty() {
        return new ImportTable(-1, Map.of());
    }

    /** The listening side of {@code plan} for a gateway of {@code plan.clusterId()}. */
    public static ImportTable of(ClusterPlan plan) {
        Map<Listener, ListenerRoute> routes = new HashMap<>();
        for (Listener listener : GatewayListenerPorts.listenersOf(plan)) {
            ServiceImport imp = plan.importOf(listener.service());
            ServicePort port = imp.ports().stream().filter(p -> p.port() == listener.servicePort()).findFirst()
                    .orElseThrow();
            List<ServingCluster> clusters = new ArrayList<>();
            for (ClusterEndpoints c : imp.clusters()) {
                if (listener.endpoint() != null && !listener.endpoint().clusterId().equals(c.clusterId())) {
                    continue;
                }
                boolean local = c.clusterId().equals(plan.clusterId());
                boolean viaGateway = !local && c.path() == DataPath.GATEWAY;
                clusters.add(new ServingCluster(c, local, viaGateway,
                        viaGateway ? List.of() : Endpoints.readyTargets(c, port)));
            }
            routes.put(listener, new ListenerRoute(listener, port, imp.policy(), clusters));
        }
        return new ImportTable(plan.version(), routes);
    }

    /** The plan version this table was built from, -1 for none. */
    public long planVersion() {
        return planVersion;
    }

    /** The route of {@code listener}, or null when the plan has no such listener. */
    public ListenerRoute route(Listener listener) {
        return routes.get(listener);
    }

    /** Every listener route. */
    public Map<Listener, ListenerRoute> routes() {
        return routes;
    }

    /**
     * Per import ({@code namespace/name}), listeners whose routes together name each of its serving clusters
     * exactly once: one listener of a ClusterSetIP import, one per gateway-path cluster of a headless one (its
     * other clusters are not reached through gateways).
     */
    public Map<String, List<Listener>> healthListeners() {
        return healthListeners;
    }
}
