package io.fedgate.agent.internal.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ServiceExport.
 *
 * @param createdAt   its creation time: MCS settles conflicts by the oldest export
 * @param generation  its {@code metadata.generation}, or null
 * @param annotations its annotations (the {@code fedgate.io/*} ones tune load balancing)
 * @param conditions  its {@code status.conditions} as stored
 * @param exportedLabels      its {@code spec.exportedLabels}: the labels its ServiceImport gets
 * @param exportedAnnotations its {@code spec.exportedAnnotations}: the annotations its ServiceImport gets
 */
public record ObservedExport(ObjectKey key, Instant createdAt, Long generation, Map<String, String> annotations,
                             List<ConditionState> conditions, Map<String, String> exportedLabels,
                             Map<String, String> exportedAnnotations) {
    public ObservedExport {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        exportedLabels = exportedLabels == null ? Map.of() : Map.copyOf(exportedLabels);
        exportedAnnotations = exportedAnnotations == null ? Map.of() : Map.copyOf(exportedAnnotations);
    }

    /** An export that exports no labels or annotations. */
    public ObservedExport(ObjectKey key, Instant createdAt, Long generation, Map<String, String> annotations,
                          List<ConditionState> conditions) {
        this(key, createdAt, generation, annotations, conditions, Map.of(), Map.of());
    }

    /** The stored condition of {@code type}, or null. */
    public ConditionState condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
    }
}
