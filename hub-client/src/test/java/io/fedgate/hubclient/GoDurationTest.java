package io.fedgate.hubclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void parsesGoStyleDurations() {
        assertThat(GoDuration.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void refusesOtherTextNamingIt() {
        assertThatThrownBy(() -> GoDuration.parse("24 hours"))
                .hasMessage("\"24 hours\" is not a duration like 30s, 15m, 24h or 1h30m");
        assertThat(GoDuration.problem("1y")).contains("\"1y\"");
        assertThat(GoDuration.problem("15m")).isNull();
    }

    @Test
    void formatsInTheShortestExactForm() {
        assertThat(GoDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    }
}
