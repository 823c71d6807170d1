package io.fedgate.hub.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutedPathGateTest {
    private static final ClusterPair AB = ClusterPair.of("b", "a");
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final RoutedPathGate.Settings SETTINGS = new RoutedPathGate.Settings(Duration.ZERO,
            Duration.ofSeconds(10));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static RoutedPathGate step(RoutedPathGate gate, boolean inPlace, long seconds) {
        return gate.next(Map.of(AB, inPlace), at(seconds), SETTINGS);
    }

    @Test
    void aPairSeenFirstIsTakenAsReported() {
        assertThat(step(RoutedPathGate.EMPTY, true, 0).held()).isEmpty();
        assertThat(step(RoutedPathGate.EMPTY, false, 0).held()).containsExactly(AB);
    }

    @Test
    void missingRoutesMoveThePairToGatewaysAtOnce() {
        RoutedPathGate up = step(RoutedPathGate.EMPTY, true, 0);
        assertThat(step(up, false, 1).held()).containsExactly(AB);
    }

    @Test
    void routesBackInPlaceReturnOnlyAfterTheHold() {
        RoutedPathGate down = step(step(RoutedPathGate.EMPTY, true, 0), false, 1);
        RoutedPathGate healed = step(down, true, 2);
        assertThat(healed.held()).as("just healed").containsExactly(AB);
        assertThat(healed.nextChange(SETTINGS)).contains(at(12));
        assertThat(step(healed, true, 11).held()).as("9 s in place").containsExactly(AB);
        assertThat(step(healed, true, 12).held()).as("10 s in place").isEmpty();
    }

    @Test
    void aFlappingDaemonKeepsThePairOnGatewaysUntilItStaysUp() {
        RoutedPathGate g = step(step(RoutedPathGate.EMPTY, true, 0), false, 1);
        // up for 5 s, down for 1 s, five times: never 10 s in place
        long t = 1;
        for (int i = 0; i < 5; i++) {
            g = step(g, true, t += 1);
            g = step(g, true, t += 5);
            assertThat(g.held()).as("flap %d", i).containsExactly(AB);
            g = step(g, false, t += 1);
            assertThat(g.held()).containsExactly(AB);
        }
        g = step(g, true, t += 1);
        assertThat(step(g, true, t + 10).held()).isEmpty();
    }

    @Test
    void downAfterDelaysTheMoveToGateways() {
        RoutedPathGate.Settings slow = new RoutedPathGate.Settings(Duration.ofSeconds(3), Duration.ofSeconds(10));
        RoutedPathGate g = RoutedPathGate.EMPTY.next(Map.of(AB, false), at(0), slow);
        assertThat(g.held()).as("seen bad first, but down waits 3 s").isEmpty();
        assertThat(g.nextChange(slow)).contains(at(3));
        assertThat(g.next(Map.of(AB, false), at(2), slow).held()).isEmpty();
        assertThat(g.next(Map.of(AB, false), at(3), slow).held()).containsExactly(AB);
        assertThat(g.next(Map.of(AB, true), at(2), slow).next(Map.of(AB, false), at(4), slow).held())
                .as("a break restarts the down wait").isEmpty();
    }

    @Test
    void aPairNoLongerObservedIsForgotten() {
        RoutedPathGate down = step(RoutedPathGate.EMPTY, false, 0);
        RoutedPathGate gone = down.next(Map.of(), at(1), SETTINGS);
        assertThat(gone.held()).isEmpty();
        assertThat(gone.pairs()).isEmpty();
        assertThat(gone.nextChange(SETTINGS)).isEmpty();
    }

    /** Every (decision, last observation, new observation, elapsed) combination with down 0 s and up 10 s. */
    @ParameterizedTest(name = "held={0} was={1} now={2} after {3} s -> held={4}")
    @CsvSource({
            "false, true,  true,  0,  false",
            "false, true,  false, 0,  true",
            "false, false, false, 5,  true",
            "true,  false, false, 30, true",
            "true,  false, true,  0,  true",
            "true,  true,  true,  9,  true",
            "true,  true,  true,  10, false",
            "true,  true,  false, 20, true",
    })
    void transitions(boolean held, boolean was, boolean now, long elapsed, boolean expected) {
        RoutedPathGate g = new RoutedPathGate(new java.util.TreeMap<>(Map.of(AB,
                new RoutedPathGate.PairState(was, at(0), held))));
        assertThat(g.next(Map.of(AB, now), at(elapsed), SETTINGS).held().contains(AB)).isEqualTo(expected);
    }

    @Test
    void negativeDurationsAreRefusedByName() {
        assertThatThrownBy(() -> new RoutedPathGate.Settings(Duration.ofSeconds(-1), Duration.ZERO))
                .hasMessage("downAfter: PT-1S must be >= 0");
        assertThatThrownBy(() -> new RoutedPathGate.Settings(Duration.ZERO, null))
                .hasMessage("upAfter: null must be >= 0");
    }

    @Test
    void pairsAreUnorderedAndNeverOneCluster() {
        assertThat(ClusterPair.of("b", "a")).isEqualTo(ClusterPair.of("a", "b"));
        assertThat(ClusterPair.of("b", "a").first()).isEqualTo("a");
        assertThatThrownBy(() -> ClusterPair.of("a", "a")).hasMessageContaining("the same cluster twice");
    }
}
