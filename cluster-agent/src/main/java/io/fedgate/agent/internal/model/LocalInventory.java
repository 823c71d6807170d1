package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.ExportedService;
import java.util.List;
import java.util.Map;

/**
 * What this cluster would report now, before a generation is stamped on it.
 *
 * @param exports  the valid exports, sorted by service
 * @param validity every ServiceExport's local validity, valid or not
 * @param problems what was wrong in the observed objects (bad CIDRs, bad ConfigMap values), for the log
 */
public record LocalInventory(ClusterNetwork network, List<ExportedService> exports,
                             Map<ObjectKey, ExportValidity> validity, List<String> problems) {
    public LocalInventory {
        exports = exports == null ? List.of() : List.copyOf(exports);
        validity = validity == null ? Map.of() : Map.copyOf(validity);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
