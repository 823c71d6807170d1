package io.fedgate.agent.internal.model;

import java.util.List;

/** A ServiceImport's status: the clusters exporting the service, sorted. */
public record ServiceImportStatusState(ObjectKey key, List<String> clusters) implements ManagedState {
    public ServiceImportStatusState {
        clusters = List.copyOf(clusters);
    }
}
