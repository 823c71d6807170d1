package io.fedgate.gateway.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.ServiceKey;
import org.junit.jupiter.api.Test;

class TunnelTargetTest {
    @Test
    void authorityNamesServiceNamespaceAndPort() {
        TunnelTarget target = new TunnelTarget(new ServiceKey("bank", "payments"), 8443);
        assertThat(target.authority()).isEqualTo("payments.bank.import.fedgate:8443");
        assertThat(TunnelTarget.parse(target.authority())).isEqualTo(target);
    }

    @Test
    void malformedAuthoritiesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TunnelTarget.parse(null)).hasMessage(":authority is missing");
        assertThatThrownBy(() -> TunnelTarget.parse("payments.bank.import.fedgate"))
                .hasMessageContaining("has no :port");
        assertThatThrownBy(() -> TunnelTarget.parse("payments.bank.import.fedgate:0"))
                .hasMessageContaining("port 0 is not in 1..65535");
        assertThatThrownBy(() -> TunnelTarget.parse("payments.bank.import.fedgate:http"))
                .hasMessageContaining("port \"http\" is not a number");
        assertThatThrownBy(() -> TunnelTarget.parse("payments.bank.svc.cluster.local:80"))
                .hasMessageContaining("does not end with .import.fedgate");
        assertThatThrownBy(() -> TunnelTarget.parse("a.payments.bank.import.fedgate:80"))
                .hasMessageContaining("expected <name>.<namespace>.import.fedgate:<port>");
        assertThatThrownBy(() -> TunnelTarget.parse("Pay.bank.import.fedgate:80"))
                .hasMessageContaining("DNS-1123 labels");
        assertThatThrownBy(() -> TunnelTarget.parse("x".repeat(300) + ".import.fedgate:80"))
                .hasMessageContaining("longer than " + TunnelLimits.DEFAULT_MAX_AUTHORITY_CHARS);
    }
}
