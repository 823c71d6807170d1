package io.fedgate.hub.internal.replan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseTableTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final LeaseTable leases = new LeaseTable(Duration.ofSeconds(15));

    @Test
    void leaseExpiresExactlyOneDurationAfterTheLastHeartbeat() {
        leases.heartbeat("east", T0);

        assertThat(leases.expired(List.of("east"), T0.plusMillis(14_999))).isEmpty();
        assertThat(leases.expired(List.of("east"), T0.plusSeconds(15))).containsExactly("east");
        assertThat(leases.expiresAt("east")).isEqualTo(T0.plusSeconds(15));
    }

    @Test
    void expiryAndReturnAreReportedOnceEach() {
        leases.heartbeat("east", T0);
        leases.heartbeat("west", T0);
        leases.check(List.of("east", "west"), T0);

        leases.heartbeat("west", T0.plusSeconds(10));
        LeaseTable.Changes expired = leases.check(List.of("east", "west"), T0.plusSeconds(16));
        LeaseTable.Changes again = leases.check(List.of("east", "west"), T0.plusSeconds(17));
        leases.heartbeat("east", T0.plusSeconds(18));
        LeaseTable.Changes restored = leases.check(List.of("east", "west"), T0.plusSeconds(18));

        assertThat(expired.newlyExpired()).containsExactly("east");
        assertThat(again.any()).isFalse();
        assertThat(again.expired()).containsExactly("east");
        assertThat(restored.restored()).containsExactly("east");
        assertThat(restored.expired()).isEmpty();
    }

    @Test
    void olderHeartbeatArrivingLateDoesNotShortenTheLease() {
        leases.heartbeat("east", T0.plusSeconds(10));
        leases.heartbeat("east", T0);

        assertThat(leases.expiresAt("east")).isEqualTo(T0.plusSeconds(25));
    }

    @Test
    void clusterWithoutAnyHeartbeatIsExpiredAndPrimingReportsNothing() {
        leases.prime(List.of("ghost"), T0);

        LeaseTable.Changes changes = leases.check(List.of("ghost"), T0);

        assertThat(changes.expired()).containsExactly("ghost");
        assertThat(changes.any()).isFalse();
    }
}
