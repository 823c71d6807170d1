package io.fedgate.agent.internal.model;

import java.util.List;

/**
 * A ServiceImport's status: the clusters exporting the service, sorted, and its {@code Ready} condition.
 */
public record ServiceImportStatusState(ObjectKey key, List<String> clusters, List<ConditionState> conditions)
        implements ManagedState {
    public ServiceImportStatusState {
        clusters = List.copyOf(clusters);
        conditions = List.copyOf(conditions);
    }

    /** The stored condition of {@code type}, or null. */
    public ConditionState condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
    }
}
