package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Valid}, {@code Ready} and {@code Conflict} conditions of a ServiceExport (KEP-1645, as the MCS
 * API's v1beta1 types name them). Pure.
 *
 * <ul>
 *   <li>Invalid here (no Service, bad name, ExternalName, bad annotation or exported metadata):
 *       {@code Valid=False} with the local reason, {@code Ready=False} ({@code Failed}); no {@code Conflict}
 *       condition, since nothing is exported.</li>
 *   <li>Valid and the plan has a status for it: the plan's {@code Valid} and {@code Conflict} (the hub alone
 *       sees every exporter and settles conflicts by the oldest export), and {@code Ready=True}
 *       ({@code Exported}): the cluster set's plan carries the export.</li>
 *   <li>Valid and no plan status (no plan yet, the hub unreachable, or the export too new for the plan): a
 *       stored {@code Valid=True}, {@code Ready=True} and a stored {@code Conflict} are kept as they are, or
 *       {@code Valid=True} and {@code Ready=Unknown} ({@code Pending}) are set; nothing is learnt, so nothing
 *       is rewritten, and an agent restart changes nothing.</li>
 * </ul>
 * {@code lastTransitionTime} is kept while a condition's status stays the same and set to {@code now} when it
 * changes; {@code observedGeneration} is the export's generation.
 */
public final class ExportConditions {
    private static final List<String> TYPES = List.of(ExportCondition.VALID, ExportCondition.READY,
            ExportCondition.CONFLICT);
    /** {@code Ready=True}: the plan carries the export. */
    public static final String REASON_EXPORTED = "Exported";
    /** {@code Ready=Unknown}: no plan has confirmed the export yet. */
    public static final String REASON_PENDING = "Pending";
    /** {@code Ready=False}: the export is invalid, so nothing is exported. */
    public static final String REASON_FAILED = "Failed";

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
            conditions.add(condition(export, ExportCondition.READY, ConditionState.FALSE, REASON_FAILED,
                    "not exported: the export is not valid (" + validity.reason() + ")", now));
        } else if (planned != null && planned.condition(ExportCondition.VALID) != null) {
            ExportCondition valid = planned.condition(ExportCondition.VALID);
            conditions.add(condition(export, ExportCondition.VALID, valid.status(), valid.reason(), valid.message(),
                    now));
            conditions.add(condition(export, ExportCondition.READY, ConditionState.TRUE, REASON_EXPORTED,
                    "exported: the cluster set's plan carries " + export.key(), now));
            ExportCondition conflict = planned.condition(ExportCondition.CONFLICT);
            if (conflict != null) {
                conditions.add(condition(export, ExportCondition.CONFLICT, conflict.status(), conflict.reason(),
                        conflict.message(), now));
            }
        } else {
            ConditionState storedValid = export.condition(ExportCondition.VALID);
            conditions.add(storedValid != null && ConditionState.TRUE.equals(storedValid.status()) ? storedValid
                    : condition(export, ExportCondition.VALID, true, validity.reason(), validity.message(), now));
            ConditionState storedReady = export.condition(ExportCondition.READY);
            conditions.add(storedReady != null && ConditionState.TRUE.equals(storedReady.status()) ? storedReady
                    : condition(export, ExportCondition.READY, ConditionState.UNKNOWN, REASON_PENDING,
                    "waiting for the hub's plan to carry " + export.key(), now));
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
        return condition(export, type, ConditionState.status(status), reason, message, now);
    }

    private static ConditionState condition(ObservedExport export, String type, String statusText, String reason,
                                            String message, Instant now) {
        return ConditionState.at(export.condition(type), type, statusText, reason, message, export.generation(), now);
    }
}
