package io.fedgate.api.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Service properties the Multi-Cluster Services API carries from an export to its ServiceImport besides
 * type, ports and affinity. Each is optional: null (or empty) means the exporter did not set it. Exporters
 * must agree on each of them, or the service is in conflict (KEP-1645) and the oldest export's value wins.
 *
 * @param sessionAffinityTimeoutSeconds {@code sessionAffinityConfig.clientIP.timeoutSeconds} (1 to 86400)
 * @param internalTrafficPolicy         {@code Cluster} or {@code Local}
 * @param trafficDistribution           such as {@code PreferClose}
 * @param ipFamilies                    the Service's {@code ipFamilies}, primary first (at most two)
 * @param labels                        the ServiceExport's {@code spec.exportedLabels}
 * @param annotations                   the ServiceExport's {@code spec.exportedAnnotations}
 */
public record ServiceProperties(Integer sessionAffinityTimeoutSeconds, String internalTrafficPolicy,
                                String trafficDistribution, List<String> ipFamilies,
                                Map<String, String> labels, Map<String, String> annotations) {
    /** Most exported labels, and most exported annotations, one export may carry. */
    public static final int DEFAULT_MAX_EXPORTED_METADATA = 64;
    /** No property set. */
    public static final ServiceProperties NONE = new ServiceProperties(null, null, null, null, null, null);

    public ServiceProperties {
        ipFamilies = ipFamilies == null ? List.of() : List.copyOf(ipFamilies);
        // sorted so that equal maps print and hash alike in plans
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = annotations == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** True when nothing is set. */
    public boolean unset() {
        return equals(NONE);
    }

    /** A copy with other exported labels and annotations. */
    public ServiceProperties withMetadata(Map<String, String> otherLabels, Map<String, String> otherAnnotations) {
        return new ServiceProperties(sessionAffinityTimeoutSeconds, internalTrafficPolicy, trafficDistribution,
                ipFamilies, otherLabels, otherAnnotations);
    }
}
