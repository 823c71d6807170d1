package io.fedgate.api.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final CertificateAuthority CA = CertificateAuthority.create("finance", Duration.ofDays(3650), CLOCK);

    private static X509Certificate certificateValidFor(Duration validity) {
        return CA.issue(SpiffeId.cluster("finance", "east", Component.AGENT), validity, List.of(), List.of())
                .certificate();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void longLivedCertificateIsRenewedWithAThirdOfItsLifetimeLeft() {
        X509Certificate cert = certificateValidFor(Duration.ofDays(30));
        Duration lifetime = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        Instant expected = cert.getNotAfter().toInstant().minusMillis(Math.round(lifetime.toMillis() / 3.0));

        assertThat(RotationPolicy.DEFAULT.renewAt(cert)).isEqualTo(expected);
        assertThat(RotationPolicy.DEFAULT.needsRenewal(cert, at(expected.minusSeconds(1)))).isFalse();
        assertThat(RotationPolicy.DEFAULT.needsRenewal(cert, at(expected))).isTrue();
    }

    @Test
    void shortLivedCertificateIsRenewedWhenTheMinimumDurationIsLeft() {
        X509Certificate cert = certificateValidFor(Duration.ofHours(2));
        Instant oneHourBeforeExpiry = cert.getNotAfter().toInstant().minus(Duration.ofHours(1));

        assertThat(RotationPolicy.DEFAULT.renewAt(cert)).isEqualTo(oneHourBeforeExpiry);
        assertThat(RotationPolicy.DEFAULT.needsRenewal(cert, CLOCK)).isFalse();
        assertThat(RotationPolicy.DEFAULT.untilRenewal(cert, CLOCK)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void certificateShorterThanTheMinimumIsDueAtOnce() {
        X509Certificate cert = certificateValidFor(Duration.ofMinutes(30));

        assertThat(RotationPolicy.DEFAULT.renewAt(cert)).isEqualTo(cert.getNotBefore().toInstant());
        assertThat(RotationPolicy.DEFAULT.needsRenewal(cert, CLOCK)).isTrue();
        assertThat(RotationPolicy.DEFAULT.untilRenewal(cert, CLOCK)).isZero();
    }

    @Test
    void expiredCertificateNeedsRenewal() {
        X509Certificate cert = certificateValidFor(Duration.ofDays(1));

        assertThat(new RotationPolicy(0.1, Duration.ZERO).needsRenewal(cert, at(NOW.plus(Duration.ofDays(3))))).isTrue();
    }

    @Test
    void outOfRangeSettingsAreNamed() {
        assertThatThrownBy(() -> new RotationPolicy(1.0, Duration.ZERO))
                .hasMessage("minRemainingFraction (1.0) must be between 0 and 1, exclusive");
        assertThatThrownBy(() -> new RotationPolicy(Double.NaN, Duration.ZERO))
                .hasMessageStartingWith("minRemainingFraction (NaN)");
        assertThatThrownBy(() -> new RotationPolicy(0.5, Duration.ofSeconds(-1)))
                .hasMessage("minRemaining (PT-1S) must not be negative");
    }
}
