package io.fedgate.agent.internal.model;

import java.util.List;

/** A ServiceExport's {@code Valid} and {@code Conflict} conditions, in that order (other types are not ours). */
public record ExportConditionsState(ObjectKey key, List<ConditionState> conditions) implements ManagedState {
    public ExportConditionsState {
        conditions = List.copyOf(conditions);
    }
}
