package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import java.util.List;
import java.util.Map;

/**
 * A ServiceImport's labels and spec.
 *
 * @param ips the derived Service's cluster IP for a ClusterSetIP import once allocated; empty otherwise
 */
public record ServiceImportState(ObjectKey key, Map<String, String> labels, ImportType type, List<ServicePort> ports,
                                 List<String> ips, SessionAffinity sessionAffinity) implements ManagedState {
    public ServiceImportState {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        ips = List.copyOf(ips);
    }
}
