package io.fedgate.hub.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.pki.Component;
import io.fedgate.hub.internal.state.TokenRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JoinTokenRulesTest {
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private final TokenRecord gatewayOfEast = JoinTokenRules.issue("east", Component.GATEWAY, CREATED,
            Duration.ofHours(1), "spiffe://set/admin/ops");

    @Test
    void validTokenAdmitsExactlyTheClusterAndComponentItWasMadeFor() {
        Redemption redemption = JoinTokenRules.redeem(gatewayOfEast, CREATED.plusSeconds(60), "set");

        assertThat(redemption.outcome()).isEqualTo(Redemption.Outcome.ACCEPTED);
        assertThat(redemption.identity()).isEqualTo("spiffe://set/cluster/east/gateway");
    }

    @Test
    void tokenExpiresAtItsExpiryExclusive() {
        Redemption atExpiry = JoinTokenRules.redeem(gatewayOfEast, CREATED.plus(Duration.ofHours(1)), "set");

        assertThat(atExpiry.outcome()).isEqualTo(Redemption.Outcome.EXPIRED);
        assertThat(atExpiry.reason()).isEqualTo("join token for spiffe://set/cluster/east/gateway expired at "
                + "2025-01-01T01:00:00Z");
    }

    @Test
    void usedTokenIsAReplayEvenBeforeItExpires() {
        TokenRecord used = gatewayOfEast.redeemed(CREATED.plusSeconds(5).toEpochMilli(), "spiffe://set/cluster/east/gateway");

        Redemption replay = JoinTokenRules.redeem(used, CREATED.plusSeconds(10), "set");

        assertThat(replay.outcome()).isEqualTo(Redemption.Outcome.ALREADY_USED);
        assertThat(replay.reason()).contains("already used at 2025-01-01T00:00:05Z");
    }

    @Test
    void unknownTokenAdmitsNobody() {
        assertThat(JoinTokenRules.redeem(null, CREATED, "set").outcome()).isEqualTo(Redemption.Outcome.UNKNOWN);
    }

    @Test
    void tokensNeverAdmitTheHubComponent() {
        assertThatThrownBy(() -> JoinTokenRules.issue("east", Component.HUB, CREATED, Duration.ofHours(1), "ops"))
                .hasMessageContaining("agents and gateways only");
    }

    @Test
    void tokensAreRandomAndPrefixed() {
        SecureRandom random = new SecureRandom();
        String first = JoinTokenRules.newToken(random);
        String second = JoinTokenRules.newToken(random);

        assertThat(first).startsWith("fgt_").hasSize(4 + 43).isNotEqualTo(second);
    }
}
