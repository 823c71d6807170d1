package io.fedgate.api.topology;

import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import java.util.List;

/**
 * A service of a topology file: where it is exported from and who is expected to consume it.
 *
 * @param exportedFrom the exporting clusters in file order; earlier ones export earlier (MCS: the oldest
 *                     export wins conflicts)
 * @param consumers    clusters expected to consume the service (informational)
 */
public record TopologyService(String namespace, String name, ImportType type, SessionAffinity sessionAffinity,
                              List<ServicePort> ports, TrafficPolicy policy, List<TopologyExporter> exportedFrom,
                              List<String> consumers) {
    public TopologyService {
        type = type == null ? ImportType.CLUSTER_SET_IP : type;
        sessionAffinity = sessionAffinity == null ? SessionAffinity.NONE : sessionAffinity;
        ports = ports == null ? List.of() : List.copyOf(ports);
        policy = policy == null ? TrafficPolicy.DEFAULT : policy;
        exportedFrom = exportedFrom == null ? List.of() : List.copyOf(exportedFrom);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }

    /** {@code namespace/name}; null while either is missing (only inside a failing parse). */
    public ServiceKey key() {
        return namespace == null || name == null ? null : new ServiceKey(namespace, name);
    }
}
