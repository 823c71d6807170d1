package io.fedgate.api.model;

import java.util.List;

/** What the hub says about one of the plan cluster's own exports. */
public record ExportStatus(ServiceKey service, List<ExportCondition> conditions) {
    public ExportStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** The condition of {@code type}, or null. */
    public ExportCondition condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }
}
