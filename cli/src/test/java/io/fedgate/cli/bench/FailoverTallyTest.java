package io.fedgate.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.cli.bench.OpenLoopFlows.Flow;
import io.fedgate.cli.bench.OpenLoopFlows.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverTallyTest {
    private static final long MS = 1_000_000L;
    private static final FailoverTally.Kill KILL = new FailoverTally.Kill("a1", 1000 * MS, 1050 * MS);

    private static Flow flow(long startMs, long endMs, Outcome outcome) {
        return new Flow(startMs * MS, startMs * MS + MS, endMs * MS, outcome);
    }

    @Test
    void aFlowStartedBeforeTheExitAndRunningAtTheSignalIsInFlightNotNew() {
        List<Flow> flows = List.of(
                flow(990, 1010, Outcome.CLOSED),   // running at the signal
                flow(1040, 1060, Outcome.RESET),   // started between signal and exit
                flow(1050, 1052, Outcome.ECHOED),  // started at the exit: new
                flow(1100, 1102, Outcome.ECHOED));

        FailoverTally.AroundKill k = FailoverTally.around(flows, KILL, 2000 * MS, false, 10, 100 * MS);

        assertThat(k.inFlight().flows()).isEqualTo(2);
        assertThat(k.inFlight().failures()).isEqualTo(Map.of(Outcome.CLOSED, 1, Outcome.RESET, 1));
        assertThat(k.lastFailureNanos()).as("the last failure started after the signal").isEqualTo(40 * MS);
        assertThat(k.lastErrorNanos()).isEqualTo(60 * MS);
        assertThat(k.fresh().flows()).isEqualTo(2);
        assertThat(k.fresh().failed()).isZero();
    }

    @Test
    void aNewFlowThatFailedCountsAndSetsTheTimeOfTheLastFailure() {
        List<Flow> flows = List.of(
                flow(1060, 1070, Outcome.ECHOED),
                flow(1230, 1240, Outcome.TIMED_OUT),
                flow(1300, 1301, Outcome.ECHOED));

        FailoverTally.AroundKill k = FailoverTally.around(flows, KILL, 2000 * MS, false, 10, 100 * MS);

        assertThat(k.fresh().failures()).isEqualTo(Map.of(Outcome.TIMED_OUT, 1));
        assertThat(k.lastFailureNanos()).isEqualTo(230 * MS);
        assertThat(k.lastErrorNanos()).isEqualTo(240 * MS);
        assertThat(k.timeline().get(2).failed()).isEqualTo(1);
        assertThat(k.timeline().get(2).started()).isEqualTo(1);
    }

    @Test
    void aNewFlowFailingWhileInFlightAtTheNextKillIsThatKillsNotThisOnes() {
        List<Flow> flows = List.of(
                flow(1500, 2100, Outcome.CLOSED),  // running at the next signal (2000), then failed
                flow(1600, 2100, Outcome.ECHOED));  // running at the next signal, carried

        FailoverTally.AroundKill k = FailoverTally.around(flows, KILL, 2000 * MS, true, 10, 100 * MS);
        FailoverTally.AroundKill next = FailoverTally.around(flows,
                new FailoverTally.Kill("a2", 2000 * MS, 2050 * MS), 3000 * MS, false, 10, 100 * MS);

        assertThat(k.fresh().flows()).isEqualTo(1);
        assertThat(k.fresh().failed()).isZero();
        assertThat(next.inFlight().failures()).isEqualTo(Map.of(Outcome.CLOSED, 1));
    }

    @Test
    void flowsThatEndedBeforeTheSignalOrStartedAfterTheWindowAreLeftOut() {
        List<Flow> flows = List.of(
                flow(900, 950, Outcome.CONNECT_REFUSED),
                flow(2000, 2001, Outcome.CLOSED));

        FailoverTally.AroundKill k = FailoverTally.around(flows, KILL, 2000 * MS, false, 10, 100 * MS);

        assertThat(k.inFlight().flows()).isZero();
        assertThat(k.fresh().flows()).isZero();
        assertThat(k.lastFailureNanos()).isEqualTo(-1);
        assertThat(k.lastErrorNanos()).isEqualTo(-1);
        assertThat(FailoverTally.steady(flows, KILL.signalNanos(), 0).failures())
                .isEqualTo(Map.of(Outcome.CONNECT_REFUSED, 1));
    }
}
