package io.fedgate.gateway.internal.balancing;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the balancer.
 *
 * @param maxAttempts           tries per new connection (first choice plus retries), at least 1
 * @param maxAttemptsPerCluster tries spent on one cluster before moving to the next choice
 * @param holdDown              how long a recovered cluster must stay healthy before taking traffic back
 * @param outlierPolicy         passive outlier detection
 */
public record BalancingSettings(int maxAttempts, int maxAttemptsPerCluster, Duration holdDown,
                                OutlierPolicy outlierPolicy) {
    /** Largest number of tries per connection a configuration may ask for. */
    public static final int DEFAULT_MAX_ATTEMPTS_LIMIT = 16;
    /** Three tries, at most two in one cluster, 5 s hold-down, default outlier detection. */
    public static final BalancingSettings DEFAULT = new BalancingSettings(3, 2, Duration.ofSeconds(5),
            OutlierPolicy.DEFAULT);

    /** These settings with another hold-down. */
    public BalancingSettings withHoldDown(Duration newHoldDown) {
        return new BalancingSettings(maxAttempts, maxAttemptsPerCluster, newHoldDown, outlierPolicy);
    }

    /** @throws IllegalArgumentException naming the field and value out of range */
    public BalancingSettings {
        if (maxAttempts < 1 || maxAttempts > DEFAULT_MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts (" + maxAttempts + ") must be in 1.."
                    + DEFAULT_MAX_ATTEMPTS_LIMIT);
        }
        if (maxAttemptsPerCluster < 1 || maxAttemptsPerCluster > maxAttempts) {
            throw new IllegalArgumentException("maxAttemptsPerCluster (" + maxAttemptsPerCluster
                    + ") must be in 1..maxAttempts (" + maxAttempts + ")");
        }
        Objects.requireNonNull(holdDown, "holdDown");
        if (holdDown.isNegative()) {
            throw new IllegalArgumentException("holdDown (" + holdDown + ") must not be negative");
        }
        Objects.requireNonNull(outlierPolicy, "outlierPolicy");
    }
}
