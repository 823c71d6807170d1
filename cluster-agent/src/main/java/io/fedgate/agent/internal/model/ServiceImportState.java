package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import java.util.List;
import java.util.Map;

/**
 * A ServiceImport's metadata and spec, every field of the MCS API's v1beta1 (and v1alpha1) spec.
 *
 * @param labels      fedgate's own label and the exported labels of the oldest export
 * @param annotations the exported annotations of the oldest export, plus the two annotations that list which
 *                    label and annotation keys were exported ({@link McsNames#EXPORTED_LABEL_KEYS}), so that a
 *                    key the exporter drops is removed and keys others set are left alone
 * @param ips         the derived Service's cluster IPs (one per family) for a ClusterSetIP import once
 *                    allocated; empty otherwise
 * @param ipFamilies  the families of {@code ips} once allocated; the exporter's families before, or for a
 *                    headless import
 * @param sessionAffinityTimeoutSeconds {@code sessionAffinityConfig.clientIP.timeoutSeconds}, or null
 */
public record ServiceImportState(ObjectKey key, Map<String, String> labels, Map<String, String> annotations,
                                 ImportType type, List<ServicePort> ports, List<String> ips, List<String> ipFamilies,
                                 SessionAffinity sessionAffinity, Integer sessionAffinityTimeoutSeconds,
                                 String internalTrafficPolicy, String trafficDistribution) implements ManagedState {
    public ServiceImportState {
        labels = Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        ports = List.copyOf(ports);
        ips = List.copyOf(ips);
        ipFamilies = ipFamilies == null ? List.of() : List.copyOf(ipFamilies);
    }
}
