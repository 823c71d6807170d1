package io.fedgate.agent.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ServiceKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportConditionsTest {
    private static final ObjectKey KEY = new ObjectKey("bank", "web");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.750Z");
    private static final String EARLIER = "2025-02-01T00:00:00Z";
    private static final ExportStatus PLANNED = new ExportStatus(new ServiceKey("bank", "web"), List.of(
            new ExportCondition("Valid", true, "Valid", "exported to the cluster set as bank/web"),
            new ExportCondition("Conflict", true, "PortConflict", "port https conflicts with cluster west")));

    @Test
    void invalidExportGetsValidFalseReadyFalseAndNoConflict() {
        ObservedExport export = export(condition("Conflict", "False", "NoConflicts", EARLIER));

        ExportConditionsState state = ExportConditions.desired(export,
                ExportValidity.invalid("NoService", "Service bank/web does not exist"), PLANNED, NOW);

        assertThat(state.conditions()).containsExactly(new ConditionState("Valid", "False", "NoService",
                "Service bank/web does not exist", 3L, "2025-03-01T12:00:00Z"), new ConditionState("Ready", "False",
                "Failed", "not exported: the export is not valid (NoService)", 3L, "2025-03-01T12:00:00Z"));
    }

    @Test
    void validExportTakesThePlansConditionsAndIsReady() {
        ExportConditionsState state = ExportConditions.desired(export(), ExportValidity.valid(KEY), PLANNED, NOW);

        assertThat(state.conditions()).extracting(ConditionState::type, ConditionState::status, ConditionState::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Valid", "True", "Valid"),
                        org.assertj.core.groups.Tuple.tuple("Ready", "True", "Exported"),
                        org.assertj.core.groups.Tuple.tuple("Conflict", "True", "PortConflict"));
    }

    @Test
    void withoutAPlanStoredConditionsAreKeptAsTheyAre() {
        ConditionState valid = condition("Valid", "True", "Valid", EARLIER);
        ConditionState ready = condition("Ready", "True", "Exported", EARLIER);
        ConditionState conflict = condition("Conflict", "True", "PortConflict", EARLIER);
        ObservedExport export = export(valid, ready, conflict);

        ExportConditionsState state = ExportConditions.desired(export, ExportValidity.valid(KEY), null, NOW);

        assertThat(state).isEqualTo(ExportConditions.observed(export));
    }

    @Test
    void withoutAPlanANewValidExportIsMarkedValidAndReadyPending() {
        ExportConditionsState state = ExportConditions.desired(export(), ExportValidity.valid(KEY), null, NOW);

        assertThat(state.conditions()).hasSize(2);
        assertThat(state.conditions().get(0)).satisfies(c -> {
            assertThat(c.status()).isEqualTo("True");
            assertThat(c.message()).isEqualTo(PLANNED.condition("Valid").message());
        });
        assertThat(state.conditions().get(1)).satisfies(c -> {
            assertThat(c.type()).isEqualTo("Ready");
            assertThat(c.status()).isEqualTo("Unknown");
            assertThat(c.reason()).isEqualTo("Pending");
        });
    }

    @Test
    void transitionTimeIsKeptWhileTheStatusStaysAndSetWhenItChanges() {
        ObservedExport export = export(condition("Valid", "True", "Valid", EARLIER),
                condition("Conflict", "False", "NoConflicts", EARLIER));

        ExportConditionsState state = ExportConditions.desired(export, ExportValidity.valid(KEY), PLANNED, NOW);

        assertThat(state.conditions().get(0).lastTransitionTime()).isEqualTo(EARLIER);
        assertThat(state.conditions().get(2).lastTransitionTime()).isEqualTo("2025-03-01T12:00:00Z");
    }

    @Test
    void observedStateHoldsOnlyValidReadyAndConflictInThatOrder() {
        ObservedExport export = export(condition("Ready", "True", "Ready", EARLIER),
                condition("example.com/Audited", "True", "Seen", EARLIER),
                condition("Conflict", "False", "NoConflicts", EARLIER), condition("Valid", "True", "Valid", EARLIER));

        assertThat(ExportConditions.observed(export).conditions()).extracting(ConditionState::type)
                .containsExactly("Valid", "Ready", "Conflict");
    }

    private static ObservedExport export(ConditionState... conditions) {
        return new ObservedExport(KEY, Facts.T0, 3L, Map.of(), List.of(conditions));
    }

    private static ConditionState condition(String type, String status, String reason, String since) {
        return new ConditionState(type, status, reason, "m", 3L, since);
    }
}
