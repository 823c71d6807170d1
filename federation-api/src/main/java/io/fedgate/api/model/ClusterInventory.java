package io.fedgate.api.model;

import java.util.List;

/**
 * Everything one cluster's agent reports: a full snapshot at {@code generation}. Generations grow
 * monotonically per cluster; the hub refuses a stale one.
 */
public record ClusterInventory(String clusterId, long generation, ClusterNetwork network,
                               List<ExportedService> exports) {
    public ClusterInventory {
        exports = exports == null ? List.of() : List.copyOf(exports);
    }

    /** The export of {@code key}, or null. */
    public ExportedService export(ServiceKey key) {
        return exports.stream().filter(e -> e.service().equals(key)).findFirst().orElse(null);
    }
}
