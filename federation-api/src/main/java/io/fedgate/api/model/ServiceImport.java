package io.fedgate.api.model;

import java.util.List;

/**
 * An MCS ServiceImport the plan's cluster should have: the merged view of every cluster exporting
 * {@code service}, with per-serving-cluster endpoints and data paths.
 *
 * @param ports      union of the exporters' ports (conflicts settled by the oldest export)
 * @param properties the oldest export's other Service properties (labels and annotations: the exporters'
 *                   agreed values)
 */
public record ServiceImport(ServiceKey service, ImportType type, SessionAffinity sessionAffinity,
                            List<ServicePort> ports, TrafficPolicy policy, List<ClusterEndpoints> clusters,
                            ServiceProperties properties) {
    public ServiceImport {
        type = type == null ? ImportType.CLUSTER_SET_IP : type;
        sessionAffinity = sessionAffinity == null ? SessionAffinity.NONE : sessionAffinity;
        ports = ports == null ? List.of() : List.copyOf(ports);
        policy = policy == null ? TrafficPolicy.DEFAULT : policy;
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        properties = properties == null ? ServiceProperties.NONE : properties;
    }

    /** An import with no {@link ServiceProperties} set. */
    public ServiceImport(ServiceKey service, ImportType type, SessionAffinity sessionAffinity,
                         List<ServicePort> ports, TrafficPolicy policy, List<ClusterEndpoints> clusters) {
        this(service, type, sessionAffinity, ports, policy, clusters, ServiceProperties.NONE);
    }

    /** True when at least one serving cluster is reached through gateways. */
    public boolean needsGateway() {
        return clusters.stream().anyMatch(c -> c.path() == DataPath.GATEWAY);
    }
}
