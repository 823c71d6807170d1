package io.fedgate.gateway.internal.balancing;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive outlier detection: {@code consecutiveFailures} failed connects in a row eject a target for
 * {@code baseEjection}; each further ejection doubles that, up to {@code maxEjection}. A target that stays
 * clean for {@code maxEjection} after its last ejection starts again from {@code baseEjection}.
 */
public record OutlierPolicy(int consecutiveFailures, Duration baseEjection, Duration maxEjection) {
    /** Three failures in a row eject for 2 s, growing to at most 60 s. */
    public static final OutlierPolicy DEFAULT = new OutlierPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(60));

    /** @throws IllegalArgumentException naming the field and value out of range */
    public OutlierPolicy {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures (" + consecutiveFailures + ") must be >= 1");
        }
        Objects.requireNonNull(baseEjection, "baseEjection");
        Objects.requireNonNull(maxEjection, "maxEjection");
        if (baseEjection.isNegative() || baseEjection.isZero()) {
            throw new IllegalArgumentException("baseEjection (" + baseEjection + ") must be positive");
        }
        if (maxEjection.compareTo(baseEjection) < 0) {
            throw new IllegalArgumentException("maxEjection (" + maxEjection + ") must be >= baseEjection ("
                    + baseEjection + ")");
        }
    }
}
