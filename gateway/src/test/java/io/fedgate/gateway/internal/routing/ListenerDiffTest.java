package io.fedgate.gateway.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.GatewayListenerPorts.Listener;
import io.fedgate.api.model.ServiceKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerDiffTest {
    private static final Listener A = new Listener(new ServiceKey("bank", "a"), 80);
    private static final Listener B = new Listener(new ServiceKey("bank", "b"), 80);
    private static final Listener C = new Listener(new ServiceKey("bank", "c"), 443);

    @Test
    void unchangedListenersAreLeftAloneNewOnesOpenedGoneOnesClosed() {
        ListenerDiff diff = ListenerDiff.between(Map.of(A, 20001, B, 20002), Map.of(A, 20001, C, 20003));
        assertThat(diff.toOpen()).containsExactlyEntriesOf(Map.of(C, 20003));
        assertThat(diff.toClose()).containsExactly(B);
    }

    @Test
    void aListenerThatMovesPortIsClosedAndReopened() {
        ListenerDiff diff = ListenerDiff.between(Map.of(A, 20001), Map.of(A, 20009));
        assertThat(diff.toOpen()).containsExactlyEntriesOf(Map.of(A, 20009));
        assertThat(diff.toClose()).containsExactly(A);
    }

    @Test
    void samePlanTwiceChangesNothing() {
        assertThat(ListenerDiff.between(Map.of(A, 1, B, 2), Map.of(A, 1, B, 2)).isEmpty()).isTrue();
    }
}
