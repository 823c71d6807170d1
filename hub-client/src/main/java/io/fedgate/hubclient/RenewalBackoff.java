package io.fedgate.hubclient;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link CertificateRenewal} waits before trying a failed renewal again: {@code first}, doubling with
 * each consecutive failure up to {@code max}; while the certificate is still valid, never more than half of
 * what is left of it (so a hub outage leaves several tries before expiry) and never less than {@code first}.
 * Once the certificate has expired the hub refuses it anyway, so tries slow down to {@code max} rather than
 * hammer the hub.
 *
 * @param first pause after the first failure; positive
 * @param max   longest pause; at least {@code first}
 */
public record RenewalBackoff(Duration first, Duration max) {
    /** One second, doubling up to 30 seconds. */
    public static final RenewalBackoff DEFAULT = new RenewalBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** @throws IllegalArgumentException naming the value out of range */
    public RenewalBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isZero() || first.isNegative()) {
            throw new IllegalArgumentException("first (" + first + ") must be positive");
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max (" + max + ") must be at least first (" + first + ")");
        }
    }

    /**
     * The pause after {@code failures} consecutive failed renewals of a certificate that expires in
     * {@code untilExpiry} (negative once expired).
     *
     * @throws IllegalArgumentException when {@code failures} is below 1
     */
    public Duration next(int failures, Duration untilExpiry) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures (" + failures + ") must be at least 1");
        }
        Duration pause = max;
        // first * 2^(failures - 1), without overflowing: 2^30 seconds is far beyond any sensible max
        if (failures <= 31 && first.multipliedBy(1L << (failures - 1)).compareTo(max) < 0) {
            pause = first.multipliedBy(1L << (failures - 1));
        }
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            return max;
        }
        Duration half = untilExpiry.dividedBy(2);
        if (half.compareTo(pause) < 0) {
            pause = half;
        }
        return pause.compareTo(first) < 0 ? first : pause;
    }
}
