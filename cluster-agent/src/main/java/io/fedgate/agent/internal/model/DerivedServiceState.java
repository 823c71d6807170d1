package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import java.util.List;
import java.util.Map;

/**
 * The selector-less ClusterIP Service behind a ClusterSetIP import: its cluster IP becomes the import's IP
 * and kube-proxy sends it to the import's EndpointSlices.
 */
public record DerivedServiceState(ObjectKey key, Map<String, String> labels, OwnerRef owner, List<ServicePort> ports,
                                  SessionAffinity sessionAffinity) implements ManagedState {
    public DerivedServiceState {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }
}
