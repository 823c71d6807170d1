package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import java.util.List;

/**
 * The cluster-set-wide view of one service after MCS conflict resolution: what every cluster imports,
 * before per-client paths are attached.
 *
 * @param ports     union of the exporters' ports, conflicts settled by the oldest, sorted by number,
 *                  protocol and name
 * @param exporters  every exporting cluster, sorted by cluster id
 * @param properties the oldest export's other Service properties
 */
public record MergedService(ServiceKey service, ImportType type, SessionAffinity sessionAffinity,
                            List<ServicePort> ports, TrafficPolicy policy, List<ServingExport> exporters,
                            ServiceProperties properties) {
    public MergedService {
        ports = List.copyOf(ports);
        exporters = List.copyOf(exporters);
    }
}
