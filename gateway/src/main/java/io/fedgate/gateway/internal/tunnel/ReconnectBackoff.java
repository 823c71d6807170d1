package io.fedgate.gateway.internal.tunnel;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Redial delays of a tunnel: exponential from {@code base} up to {@code max}, with "equal jitter" (half the
 * delay fixed, half random) so that many gateways losing the same peer do not redial in lockstep.
 * Not thread-safe: one per tunnel, used on its event loop.
 */
public final class ReconnectBackoff {
    private final Duration base;
    private final Duration max;
    private final Random random;
    private int failures;

    public ReconnectBackoff(Duration base, Duration max, Random random) {
        this.base = Objects.requireNonNull(base, "base");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("max (" + max + ") must be >= base (" + base + ")");
        }
    }

    /** The delay before the next redial; each call counts one more failure. */
    public Duration next() {
        long cap = base.toNanos();
        for (int i = 0; i < failures && cap < max.toNanos(); i++) {
            cap *= 2;
        }
        cap = Math.min(cap, max.toNanos());
        failures++;
        long half = cap / 2;
        return Duration.ofNanos(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    /** A connection succeeded: the next failure starts from {@code base} again. */
    public void reset() {
        failures = 0;
    }
}
