package io.fedgate.gateway.internal.balancing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hysteresis on health: a key (a serving cluster of an import) that goes unhealthy loses traffic at once,
 * but takes traffic back only after it has been healthy without interruption for {@code holdDown}. A key
 * seen for the first time, or that was never healthy, needs no hold-down (nothing to take back). A cluster
 * that flaps faster than the hold-down therefore stays out instead of thrashing traffic. Thread-safe.
 */
public final class HoldDown {
    private final long holdDownNanos;
    private final Ticker ticker;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        boolean admitted;
        boolean everAdmitted;
        boolean rawHealthy;
        long healthySince;
    }

    public HoldDown(Duration holdDown, Ticker ticker) {
        if (holdDown.isNegative()) {
            throw new IllegalArgumentException("holdDown (" + holdDown + ") must not be negative");
        }
        this.holdDownNanos = holdDown.toNanos();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Reports the raw health of {@code key} now and answers whether it may take traffic.
     */
    public synchronized boolean admit(String key, boolean rawHealthy) {
        long now = ticker.nanos();
        State s = states.get(key);
        if (s == null) {
            s = new State();
            states.put(key, s);
            s.rawHealthy = rawHealthy;
            s.healthySince = now;
            s.admitted = rawHealthy;
            s.everAdmitted = rawHealthy;
            return rawHealthy;
        }
        if (!rawHealthy) {
            s.rawHealthy = false;
            s.admitted = false;
            return false;
        }
        if (!s.rawHealthy) {
            s.rawHealthy = true;
            s.healthySince = now;
        }
        if (!s.admitted && (!s.everAdmitted || now - s.healthySince >= holdDownNanos)) {
            s.admitted = true;
            s.everAdmitted = true;
        }
        return s.admitted;
    }

    /** Forgets every key not in {@code keys}. */
    public synchronized void retainOnly(Set<String> keys) {
        states.keySet().retainAll(keys);
    }
}
