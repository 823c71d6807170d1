package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import java.util.List;
import java.util.Map;

/**
 * The selector-less ClusterIP Service behind a ClusterSetIP import: its cluster IPs become the import's IPs
 * and kube-proxy sends them to the import's EndpointSlices.
 *
 * @param sessionAffinityTimeoutSeconds the ClientIP affinity timeout (null without ClientIP affinity)
 * @param ipFamilyPolicy                {@code PreferDualStack}, or null for the cluster's default (single stack)
 */
public record DerivedServiceState(ObjectKey key, Map<String, String> labels, OwnerRef owner, List<ServicePort> ports,
                                  SessionAffinity sessionAffinity, Integer sessionAffinityTimeoutSeconds,
                                  String ipFamilyPolicy) implements ManagedState {
    public DerivedServiceState {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }
}
