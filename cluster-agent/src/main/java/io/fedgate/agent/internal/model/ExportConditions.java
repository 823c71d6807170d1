package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Valid} and {@code Conflict} conditions of a ServiceExport (KEP-1645). Pure.
 *
 * <ul>
 *   <li>Invalid here (no Service, bad name, ExternalName, bad annotation): {@code Valid=False} with the local
 *       reason; no {@code Conflict} condition, since nothing is exported.</li>
 *   <li>Valid and the plan has a status for it: the plan's {@code Valid} and {@code Conflict}: the hub alone
 *       sees every exporter and settles conflicts by the oldest export.</li>
 *   <li>Valid and no plan status (no plan yet, the hub unreachable, or the export too new for the plan): a
 *       stored {@code Valid=True} and a stored {@code Conflict} are kept as they are, or {@code Valid=True} is
 *       set; nothing is learnt, so nothing is rewritten, and an agent restart changes nothing.</li>
 * </ul>
 * {@code lastTransitionTime} is kept while a condition's status stays the same and set to {@code now} when it
 * changes; {@code observedGeneration} is the export's generation.
 */
public final class ExportConditions {
    private static final List<String> TYPES = List.of(ExportCondition.VALID, ExportCondition.CONFLICT);

    private ExportConditions() {
    }

    /**
     * The conditions {@code export} should carry.
     *
     * @param planned the plan's status for this export, or null when there is none
     */
    public static ExportConditionsState desired(ObservedExport export, ExportValidity validity, ExportStatus planned,
                                                Instant now) {
        List<ConditionState> conditions = new ArrayList<>();
        if (!validity.valid()) {
            conditions.add(condition(export, ExportCondition.VALID, false, validity.reason(), validity.message(), now));
        } else if (planned != null && planned.condition(ExportCondition.VALID) != null) {
            for (String type : TYPES) {
                ExportCondition c = planned.condition(type);
                if (c != null) {
                    conditions.add(condition(export, type, c.status(), c.reason(), c.message(), now));
                }
            }
        } else {
            ConditionState storedValid = export.condition(ExportCondition.VALID);
            conditions.add(storedValid != null && ConditionState.TRUE.equals(storedValid.status()) ? storedValid
                    : condition(export, ExportCondition.VALID, true, validity.reason(), validity.message(), now));
            ConditionState storedConflict = export.condition(ExportCondition.CONFLICT);
            if (storedConflict != null) {
                conditions.add(storedConflict);
            }
        }
        return new ExportConditionsState(export.key(), conditions);
    }

    /** The stored conditions fedgate manages, in the order {@link #desired} produces them. */
    public static ExportConditionsState observed(ObservedExport export) {
        List<ConditionState> ours = new ArrayList<>();
        for (String type : TYPES) {
            ConditionState c = export.condition(type);
            if (c != null) {
                ours.add(c);
            }
        }
        return new ExportConditionsState(export.key(), ours);
    }

    private static ConditionState condition(ObservedExport export, String type, boolean status, String reason,
                                            String message, Instant now) {
        String statusText = ConditionState.status(status);
        ConditionState stored = export.condition(type);
        String since = stored != null && statusText.equals(stored.status()) && stored.lastTransitionTime() != null
                ? stored.lastTransitionTime()
                : DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        return new ConditionState(type, statusText, reason, message, export.generation(), since);
    }
}
