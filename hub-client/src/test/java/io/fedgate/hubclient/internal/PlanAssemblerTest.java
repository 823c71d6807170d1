package io.fedgate.hubclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hubclient.ImportInterner;
import io.fedgate.hubclient.protocol.PlanEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanAssemblerTest {
    private final PlanAssembler assembler = new PlanAssembler(i -> i);

    @Test
    void aPlanSentOverSeveralLinesIsDeliveredOnceCompleteAndSorted() {
        assertThat(assembler.accept(new PlanEvent(PlanEvent.RESYNC, 4, plan(4, service("c", "1")), null, List.of(), 2)))
                .isNull();
        assertThat(assembler.accept(new PlanEvent(PlanEvent.IMPORTS, 4, null, null, List.of(service("a", "1")), 1)))
                .isNull();
        ClusterPlan whole = assembler.accept(new PlanEvent(PlanEvent.IMPORTS, 4, null, null,
                List.of(service("b", "1")), 0));

        assertThat(whole.version()).isEqualTo(4);
        assertThat(whole.imports()).extracting(i -> i.service().name()).containsExactly("a", "b", "c");
    }

    @Test
    void deltasApplyToThePlanHeldInVersionOrder() {
        assembler.accept(new PlanEvent(PlanEvent.RESYNC, 1, plan(1, service("a", "1"), service("b", "1"))));

        ClusterPlan next = assembler.accept(new PlanEvent(PlanEvent.DELTA, 2, null,
                new PlanDelta("east", 2, List.of(service("b", "2")), List.of(new ServiceKey("ns", "a")), null, null,
                        null), List.of(), 0));

        assertThat(next.version()).isEqualTo(2);
        assertThat(next.imports()).containsExactly(service("b", "2"));
    }

    @Test
    void aDeltaThatDoesNotFollowThePlanHeldIsAProtocolError() {
        assembler.accept(new PlanEvent(PlanEvent.RESYNC, 1, plan(1, service("a", "1"))));
        PlanEvent skipping = new PlanEvent(PlanEvent.DELTA, 3, null,
                new PlanDelta("east", 3, List.of(), List.of(), null, null, null), List.of(), 0);

        assertThatThrownBy(() -> assembler.accept(skipping)).isInstanceOf(PlanAssembler.PlanStreamException.class)
                .hasMessageContaining("DELTA to version 3 does not follow the plan held (version 1)");
    }

    @Test
    void anImportsLineWithoutItsResyncIsAProtocolError() {
        assertThatThrownBy(() -> assembler.accept(new PlanEvent(PlanEvent.IMPORTS, 2, null, null,
                List.of(service("a", "1")), 0))).isInstanceOf(PlanAssembler.PlanStreamException.class);
    }

    @Test
    void watchesSharingAnInternerHoldOneCopyOfEqualImports() {
        ImportInterner interner = new ImportInterner();
        PlanAssembler first = new PlanAssembler(interner::intern);
        PlanAssembler second = new PlanAssembler(interner::intern);

        ClusterPlan a = first.accept(new PlanEvent(PlanEvent.RESYNC, 1, plan(1, service("a", "1"))));
        ClusterPlan b = second.accept(new PlanEvent(PlanEvent.RESYNC, 1, plan(1, service("a", "1"))));

        assertThat(b.imports().get(0)).isSameAs(a.imports().get(0));
    }

    private static ClusterPlan plan(long version, ServiceImport... imports) {
        return new ClusterPlan("east", version, List.of(imports), List.of(), InterconnectPlan.EMPTY, List.of());
    }

    private static ServiceImport service(String name, String lastOctet) {
        return new ServiceImport(new ServiceKey("ns", name), null, null, List.of(), null,
                List.of(new ClusterEndpoints("west", null, null, DataPath.GATEWAY, 100, 0, null,
                        List.of(Endpoint.ready("10.0.0." + lastOctet)))));
    }
}
