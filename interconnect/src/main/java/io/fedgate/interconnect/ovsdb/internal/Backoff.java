package io.fedgate.interconnect.ovsdb.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: {@code initial * 2^attempt}, capped at {@code max}, spread by +/-{@code jitter} so that
 * many clients of one restarted server do not reconnect in lockstep. Pure: the randomness is injected.
 */
public final class Backoff {
    /** Spread of each delay: a delay d becomes a value in [d*(1-JITTER), d*(1+JITTER)). */
    public static final double JITTER = 0.2;

    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial (" + initial + ") <= max (" + max + ")");
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The delay before reconnect attempt {@code attempt} (0 = first retry). */
    public Duration delay(int attempt) {
        long base = initialNanos;
        for (int i = 0; i < attempt && base < maxNanos; i++) {
            base = base > Long.MAX_VALUE / 2 ? maxNanos : base * 2;
        }
        base = Math.min(base, maxNanos);
        double r = random.getAsDouble();
        if (r < 0 || r >= 1) {
            throw new IllegalStateException("jitter source returned " + r + ", outside [0, 1)");
        }
        double factor = 1 - JITTER + 2 * JITTER * r;
        return Duration.ofNanos((long) (base * factor));
    }
}
