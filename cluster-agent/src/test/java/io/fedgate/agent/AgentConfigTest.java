package io.fedgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.net.Cidr;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void defaultsMatchTheCharts() {
        AgentConfig config = AgentConfig.defaults("east");

        assertThat(config.fieldManager()).isEqualTo("fedgate");
        assertThat(config.writeMethod()).isEqualTo(WriteMethod.SERVER_SIDE_APPLY);
        assertThat(config.debounce()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.installCrds()).isFalse();
        assertThat(config.kubeOvnNames()).isEqualTo(new KubeOvnNames("ovn-cluster", "join"));
    }

    @Test
    void kubeOvnNamesMustBeObjectNames() {
        assertThatThrownBy(() -> new KubeOvnNames("Ovn_Cluster", "join")).isInstanceOf(AgentConfigException.class)
                .hasMessage("clusterRouter: \"Ovn_Cluster\" is not a Kubernetes object name (DNS-1123 subdomain)");
        assertThatThrownBy(() -> new KubeOvnNames("ovn-cluster", "")).hasMessageStartingWith("joinSubnet: \"\"");
    }

    @Test
    void clusterIdMustBeADnsLabel() {
        assertThatThrownBy(() -> AgentConfig.defaults("East_1")).isInstanceOf(AgentConfigException.class)
                .hasMessage("clusterId: \"East_1\" is not an RFC 1123 DNS label (lowercase letters, digits and '-', "
                        + "at most 63 characters)");
        assertThatThrownBy(() -> AgentConfig.defaults(null)).hasMessageStartingWith("clusterId: null");
    }

    @Test
    void fieldManagerAndTimingsAreChecked() {
        AgentConfig config = AgentConfig.defaults("east");

        assertThatThrownBy(() -> config.withFieldManager(" ")).hasMessage("fieldManager: \" \" must be 1 to 128 characters");
        assertThatThrownBy(() -> config.withTimings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessage("heartbeatInterval: PT0S must be > 0");
        assertThatThrownBy(() -> config.withTimings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessage("retryMax: PT2S must be >= retryInitial (PT3S)");
    }

    @Test
    void serviceCidrsAreNormalized() {
        assertThat(AgentConfig.defaults("east").withServiceCidrs(List.of(Cidr.parse("10.96.0.1/12"))).serviceCidrs())
                .extracting(Cidr::toInterfaceString).containsExactly("10.96.0.0/12");
    }
}
