package io.fedgate.gateway.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    @Test
    void delaysDoubleWithJitterUpToTheMaximumAndResetAfterSuccess() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), new Random(3));
        long[] caps = {100, 200, 400, 800, 1000, 1000};
        for (long cap : caps) {
            Duration d = backoff.next();
            assertThat(d.toMillis()).isBetween(cap / 2, cap);
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void jitterSpreadsGatewaysThatLostTheSamePeer() {
        ReconnectBackoff a = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(1));
        ReconnectBackoff b = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(2));
        for (int i = 0; i < 4; i++) {
            a.next();
            b.next();
        }
        assertThat(a.next()).isNotEqualTo(b.next());
    }
}
