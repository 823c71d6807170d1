package io.fedgate.cli.wiring;

import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.interconnect.InterconnectObserver;
import java.util.ArrayList;
import java.util.List;

/** Turns what the {@code interconnect} module read into the {@link InterconnectState} an agent reports. */
public final class InterconnectReports {
    private InterconnectReports() {
    }

    /**
     * @param foreignRows rows another owner wrote where fedgate's belong (fedgate mode), as the reconciler
     *                    reported them; each makes the state unhealthy
     */
    public static InterconnectState state(InterconnectMode mode, InterconnectObserver.Observation seen,
                                          List<String> foreignRows) {
        List<String> problems = new ArrayList<>(seen.problems());
        problems.addAll(foreignRows);
        // without the SB address the lock is not checked; registration in IC-SB then stands for the daemon
        boolean daemon = seen.daemonActive() == null ? seen.registered() : seen.daemonActive();
        return new InterconnectState(mode, daemon, seen.registered(), seen.learnedPrefixes(), problems);
    }
}
