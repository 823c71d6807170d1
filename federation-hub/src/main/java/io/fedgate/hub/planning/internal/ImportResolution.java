package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ExportStatus;
import java.util.List;
import java.util.Map;

/**
 * What {@link ImportPlanner} decided.
 *
 * @param services     every exported service, sorted by service key
 * @param exportStatus cluster id → the status of each of its exports, sorted by service key; clusters
 *                     exporting nothing are absent
 */
public record ImportResolution(List<MergedService> services, Map<String, List<ExportStatus>> exportStatus) {
    /** The export statuses of {@code clusterId}, empty when it exports nothing. */
    public List<ExportStatus> exportStatusOf(String clusterId) {
        return exportStatus.getOrDefault(clusterId, List.of());
    }
}
