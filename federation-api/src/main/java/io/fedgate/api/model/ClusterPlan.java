package io.fedgate.api.model;

import java.util.List;

/**
 * What the hub decided for one cluster, at a plan {@code version} that grows with every change.
 *
 * @param imports       ServiceImports this cluster should have, sorted by service key as the hub sends them
 * @param exportStatus  conditions for this cluster's own exports
 * @param interconnect  the OVN-IC layout (shared by all routed clusters), {@link InterconnectPlan#EMPTY} if none
 * @param gatewayPeers  peers this cluster's gateways tunnel to
 */
public record ClusterPlan(String clusterId, long version, List<ServiceImport> imports,
                          List<ExportStatus> exportStatus, InterconnectPlan interconnect,
                          List<GatewayPeer> gatewayPeers) {
    public ClusterPlan {
        imports = imports == null ? List.of() : List.copyOf(imports);
        exportStatus = exportStatus == null ? List.of() : List.copyOf(exportStatus);
        interconnect = interconnect == null ? InterconnectPlan.EMPTY : interconnect;
        gatewayPeers = gatewayPeers == null ? List.of() : List.copyOf(gatewayPeers);
    }

    /** The import of {@code key}, or null. */
    public ServiceImport importOf(ServiceKey key) {
        return imports.stream().filter(i -> i.service().equals(key)).findFirst().orElse(null);
    }

    /** This plan at another version (content unchanged). */
    public ClusterPlan withVersion(long newVersion) {
        return new ClusterPlan(clusterId, newVersion, imports, exportStatus, interconnect, gatewayPeers);
    }
}
