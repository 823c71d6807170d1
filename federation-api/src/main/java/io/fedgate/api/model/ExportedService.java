package io.fedgate.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A service a cluster exports (a {@code ServiceExport} over an existing Service), with its endpoints.
 *
 * @param exportedAt creation time of the ServiceExport: MCS conflicts are settled by the oldest export
 * @param weight     relative share of traffic this cluster takes under weighted policies (default 100)
 * @param priority   lower is preferred under failover policies (default 0)
 * @param policy     the traffic policy this exporter asks for; the oldest export's wins on conflict
 * @param properties the other Service properties MCS carries to the import (affinity timeout, traffic
 *                   policies, IP families, exported labels and annotations)
 */
public record ExportedService(ServiceKey service, ImportType type, SessionAffinity sessionAffinity,
                              List<ServicePort> ports, List<Endpoint> endpoints, Instant exportedAt,
                              int weight, int priority, TrafficPolicy policy, ServiceProperties properties) {
    /** Default weight of an exporter that does not set one. */
    public static final int DEFAULT_WEIGHT = 100;

    public ExportedService {
        type = type == null ? ImportType.CLUSTER_SET_IP : type;
        sessionAffinity = sessionAffinity == null ? SessionAffinity.NONE : sessionAffinity;
        ports = ports == null ? List.of() : List.copyOf(ports);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        policy = policy == null ? TrafficPolicy.DEFAULT : policy;
        properties = properties == null ? ServiceProperties.NONE : properties;
    }

    /** An export with no {@link ServiceProperties} set. */
    public ExportedService(ServiceKey service, ImportType type, SessionAffinity sessionAffinity,
                           List<ServicePort> ports, List<Endpoint> endpoints, Instant exportedAt,
                           int weight, int priority, TrafficPolicy policy) {
        this(service, type, sessionAffinity, ports, endpoints, exportedAt, weight, priority, policy,
                ServiceProperties.NONE);
    }

    /** Number of ready endpoints. */
    public long readyEndpoints() {
        return endpoints.stream().filter(Endpoint::ready).count();
    }
}
