package io.fedgate.agent.internal;

import java.time.Duration;

/** Exponential backoff: {@code initial}, doubling up to {@code max}; {@link #reset()} after a success. */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff initial delay " + initial + " must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff max delay " + max + " must be >= initial delay " + initial);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay to wait now; the one after is twice as long, up to the maximum. */
    public Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** Back to the initial delay. */
    public void reset() {
        next = initial;
    }
}
