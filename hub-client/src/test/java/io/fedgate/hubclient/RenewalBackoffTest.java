package io.fedgate.hubclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RenewalBackoffTest {
    private static final Duration HOURS_LEFT = Duration.ofHours(2);
    private final RenewalBackoff backoff = RenewalBackoff.DEFAULT;

    @Test
    void pausesDoubleWithEachConsecutiveFailureUpToTheMaximum() {
        assertThat(backoff.next(1, HOURS_LEFT)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(2, HOURS_LEFT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next(5, HOURS_LEFT)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.next(6, HOURS_LEFT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.next(1000, HOURS_LEFT)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pauseNeverExceedsHalfOfTheCertificatesRemainingLifetime() {
        assertThat(backoff.next(10, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.next(10, Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void pauseNeverFallsBelowTheFirstPauseWhenExpiryIsClose() {
        assertThat(backoff.next(3, Duration.ofMillis(800))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void afterExpiryTriesSlowDownToTheMaximumSinceTheHubRefusesAnExpiredCertificate() {
        assertThat(backoff.next(1, Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.next(1, Duration.ofSeconds(-3))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new RenewalBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("first (PT0S) must be positive");
        assertThatThrownBy(() -> new RenewalBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("max (PT1S) must be at least first (PT2S)");
        assertThatThrownBy(() -> backoff.next(0, HOURS_LEFT)).hasMessage("failures (0) must be at least 1");
    }
}
