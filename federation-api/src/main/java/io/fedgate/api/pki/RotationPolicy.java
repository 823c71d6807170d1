package io.fedgate.api.pki;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the holder of a certificate should get a new one.
 *
 * <p>A certificate needs renewal once less than {@code minRemainingFraction} of its lifetime (notBefore to
 * notAfter), <em>or</em> less than {@code minRemaining}, is left before its notAfter, whichever comes first:
 * {@code renewAt = notAfter - max(minRemainingFraction * lifetime, minRemaining)}, never before notBefore.
 * A certificate whose lifetime is shorter than {@code minRemaining} is therefore due at once; choose
 * lifetimes well above it.
 *
 * <p>Overlap: renewing does not revoke anything, so from {@code renewAt} until the old notAfter both
 * certificates are valid. A process swaps its TLS material for new connections while connections that
 * handshook with the old certificate (a gateway's long-lived tunnel) keep running. New certificates start
 * {@link CertificateAuthority#NOT_BEFORE_BACKDATE} in the past, so a peer whose clock lags by up to that much
 * accepts them at once. A CA rotation works the same one level up: peers trust old and new CA (several
 * anchors in {@link TlsMaterial#trustAnchors()} / {@link IdentityVerifier}) until every member has renewed.
 *
 * @param minRemainingFraction renew when less than this share of the lifetime remains; in (0, 1)
 * @param minRemaining renew when less than this remains; zero or positive
 */
public record RotationPolicy(double minRemainingFraction, Duration minRemaining) {

    /** Renew with a third of the lifetime left, or one hour, whichever is earlier. */
    public static final RotationPolicy DEFAULT = new RotationPolicy(1.0 / 3, Duration.ofHours(1));

    /** @throws IllegalArgumentException naming the field and value out of range */
    public RotationPolicy {
        if (!(minRemainingFraction > 0 && minRemainingFraction < 1)) {
            throw new IllegalArgumentException("minRemainingFraction (" + minRemainingFraction
                    + ") must be between 0 and 1, exclusive");
        }
        Objects.requireNonNull(minRemaining, "minRemaining");
        if (minRemaining.isNegative()) {
            throw new IllegalArgumentException("minRemaining (" + minRemaining + ") must not be negative");
        }
    }

    /** The instant from which {@code certificate} needs renewal. */
    public Instant renewAt(X509Certificate certificate) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        Duration byFraction = Duration.ofMillis(Math.round(lifetime.toMillis() * minRemainingFraction));
        Duration margin = byFraction.compareTo(minRemaining) >= 0 ? byFraction : minRemaining;
        Instant renewAt = notAfter.minus(margin);
        return renewAt.isBefore(notBefore) ? notBefore : renewAt;
    }

    /** True when, at {@code clock}'s time, {@code certificate} is due for renewal (or already expired). */
    public boolean needsRenewal(X509Certificate certificate, Clock clock) {
        return !clock.instant().isBefore(renewAt(certificate));
    }

    /** How long until {@code certificate} is due for renewal; zero when it already is. */
    public Duration untilRenewal(X509Certificate certificate, Clock clock) {
        Duration left = Duration.between(clock.instant(), renewAt(certificate));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
