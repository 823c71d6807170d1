package io.fedgate.gateway.internal.routing;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.GatewayListenerPorts.RemoteEndpoint;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The serving side of one plan: which (import, port) this gateway's cluster serves to peer gateways, and
 * with which of its own endpoints. A cluster serves an import when its plan lists its own cluster among the
 * import's serving clusters. Immutable.
 */
public final class ExportTable {
    /** The answer to a tunnel stream naming a target. */
    public sealed interface Lookup permits Served, Refused {
    }

    /** The target is served here, by these ready endpoints (maybe none). */
    public record Served(ServiceImport serviceImport, ServicePort port, List<EndpointTarget> endpoints)
            implements Lookup {
        public Served {
            endpoints = List.copyOf(endpoints);
        }
    }

    /** Why a target is not served. */
    public enum Reason { NOT_EXPORTED, UNKNOWN_PORT, UNKNOWN_ENDPOINT, NO_READY_ENDPOINTS }

    /** The target is not served here. */
    public record Refused(Reason reason, String message) implements Lookup {
    }

    private final String clusterId;
    private final long planVersion;
    private final Map<ServiceKey, ServiceImport> served;

    private ExportTable(String clusterId, long planVersion, Map<ServiceKey, ServiceImport> served) {
        this.clusterId = clusterId;
        this.planVersion = planVersion;
        this.served = served;
    }

    /** No plan yet: nothing is served. */
    public static ExportTable empty(String clusterId) {
        return new ExportTable(clusterId, -1, Map.of());
    }

    /** The serving side of {@code plan}. */
    public static ExportTable of(ClusterPlan plan) {
        Map<ServiceKey, ServiceImport> served = new HashMap<>();
        for (ServiceImport i : plan.imports()) {
            if (own(i, plan.clusterId()) != null) {
                served.put(i.service(), i);
            }
        }
        return new ExportTable(plan.clusterId(), plan.version(), Map.copyOf(served));
    }

    /** The plan version this table was built from, -1 for none. */
    public long planVersion() {
        return planVersion;
    }

    /** What to do with a stream asking for port {@code port} of {@code service}, any endpoint. */
    public Lookup lookup(ServiceKey service, int port) {
        return lookup(service, port, null);
    }

    /**
     * What to do with a stream asking for port {@code port} of {@code service}; with {@code endpoint} (a per-pod
     * flow) only that endpoint of this cluster is served, and only when the plan lists it: a gateway never dials
     * an address outside its plan, and a per-pod name never reaches another pod.
     *
     * @param endpoint the endpoint's hostname, else its address ({@link RemoteEndpoint#name()}); null for any
     */
    public Lookup lookup(ServiceKey service, int port, String endpoint) {
        ServiceImport imp = served.get(service);
        if (imp == null) {
            return new Refused(Reason.NOT_EXPORTED, service + " is not served by cluster " + clusterId
                    + " in plan version " + planVersion);
        }
        ServicePort servicePort = imp.ports().stream().filter(p -> p.port() == port).findFirst().orElse(null);
        if (servicePort == null) {
            return new Refused(Reason.UNKNOWN_PORT, service + " has no port " + port + " in plan version "
                    + planVersion + " (ports " + imp.ports().stream().map(ServicePort::port).toList() + ")");
        }
        ClusterEndpoints own = own(imp, clusterId);
        if (endpoint != null) {
            RemoteEndpoint named = new RemoteEndpoint(clusterId, endpoint);
            own = new ClusterEndpoints(own.clusterId(), own.region(), own.zone(), own.path(), own.weight(),
                    own.priority(), own.health(), own.endpoints().stream().filter(named::names).limit(1).toList());
            if (own.endpoints().isEmpty()) {
                return new Refused(Reason.UNKNOWN_ENDPOINT, service + " has no endpoint \"" + endpoint
                        + "\" in cluster " + clusterId + " in plan version " + planVersion);
            }
        }
        List<EndpointTarget> endpoints = Endpoints.readyTargets(own, servicePort);
        if (endpoints.isEmpty()) {
            return new Refused(Reason.NO_READY_ENDPOINTS, service + " has no ready endpoint"
                    + (endpoint == null ? "" : " \"" + endpoint + "\"") + " in cluster " + clusterId
                    + " in plan version " + planVersion);
        }
        return new Served(imp, servicePort, endpoints);
    }

    private static ClusterEndpoints own(ServiceImport i, String clusterId) {
        return i.clusters().stream().filter(c -> c.clusterId().equals(clusterId)).findFirst().orElse(null);
    }
}
