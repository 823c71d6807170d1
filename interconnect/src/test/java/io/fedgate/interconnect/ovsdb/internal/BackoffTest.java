package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesPerAttemptUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
        assertThat(b.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.delay(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(1000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterSpreadsDelaysByTwentyPercentEitherWay() {
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0).delay(0))
                .isEqualTo(Duration.ofMillis(80));
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999).delay(0))
                .isBetween(Duration.ofMillis(119), Duration.ofMillis(120));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .hasMessageContaining("0 < initial (PT2S) <= max (PT1S)");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), () -> 1.5).delay(0))
                .hasMessageContaining("outside [0, 1)");
    }
}
