package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ExportedService;

/** One cluster's export of a service. */
public record ServingExport(ClusterInventory cluster, ExportedService export) {
    /** The exporting cluster's id. */
    public String clusterId() {
        return cluster.clusterId();
    }
}
