package io.fedgate.gateway.internal.balancing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Passive outlier detection over targets named by a key (an endpoint {@code address:port} or a peer gateway):
 * counts consecutive connect failures and ejects a target for a growing backoff period (see {@link
 * OutlierPolicy}). Thread-safe.
 */
public final class OutlierDetector {
    private final OutlierPolicy policy;
    private final Ticker ticker;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        int consecutiveFailures;
        int ejections;
        long ejectedUntil;
        long lastEjectionEnd;
        boolean ejected;
    }

    public OutlierDetector(OutlierPolicy policy, Ticker ticker) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Records a failed connect to {@code key}.
     *
     * @return the ejection period when this failure ejected the target, otherwise null
     */
    public synchronized Duration recordFailure(String key) {
        long now = ticker.nanos();
        State s = states.computeIfAbsent(key, k -> new State());
        refresh(s, now);
        if (s.ejected) {
            return null;
        }
        s.consecutiveFailures++;
        if (s.consecutiveFailures < policy.consecutiveFailures()) {
            return null;
        }
        if (s.ejections > 0 && now - s.lastEjectionEnd >= policy.maxEjection().toNanos()) {
            s.ejections = 0; // clean long enough: forgive earlier ejections
        }
        Duration period = ejectionPeriod(s.ejections);
        s.ejections++;
        s.ejected = true;
        s.ejectedUntil = now + period.toNanos();
        s.consecutiveFailures = 0;
        return period;
    }

    /** Records a successful connect to {@code key}: the failure streak ends. */
    public synchronized void recordSuccess(String key) {
        State s = states.get(key);
        if (s != null) {
            s.consecutiveFailures = 0;
        }
    }

    /** True while {@code key} is ejected. */
    public synchronized boolean isEjected(String key) {
        State s = states.get(key);
        if (s == null) {
            return false;
        }
        refresh(s, ticker.nanos());
        return s.ejected;
    }

    /** Forgets every target not in {@code keys} (they left the plan). */
    public synchronized void retainOnly(Set<String> keys) {
        states.keySet().retainAll(keys);
    }

    private void refresh(State s, long now) {
        if (s.ejected && now - s.ejectedUntil >= 0) {
            s.ejected = false;
            s.lastEjectionEnd = s.ejectedUntil;
        }
    }

    private Duration ejectionPeriod(int earlierEjections) {
        Duration period = policy.baseEjection();
        for (int i = 0; i < earlierEjections && period.compareTo(policy.maxEjection()) < 0; i++) {
            period = period.multipliedBy(2);
        }
        return period.compareTo(policy.maxEjection()) > 0 ? policy.maxEjection() : period;
    }
}
