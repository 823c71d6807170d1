package io.fedgate.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.GatewayListenerPorts.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayListenerPortsTest {
    private static ServiceImport gatewayImport(String name, int... ports) {
        List<ServicePort> servicePorts = new ArrayList<>();
        for (int p : ports) {
            servicePorts.add(ServicePort.tcp("p" + p, p));
        }
        servicePorts.add(new ServicePort("udp", 53, Protocol.UDP, null));
        return new ServiceImport(new ServiceKey("bank", name), null, null, servicePorts, null,
                List.of(new ClusterEndpoints("west", null, null, DataPath.GATEWAY, 1, 0, null, List.of())));
    }

    @Test
    void everyTcpPortOfGatewayImportsGetsADistinctPortInTheRange() {
        GatewayListenerPorts range = new GatewayListenerPorts(30000, 30003);
        ClusterPlan plan = new ClusterPlan("east", 1, List.of(gatewayImport("a", 80, 443), gatewayImport("b", 80)),
                null, null, null);
        Map<Listener, Integer> ports = range.assign(plan);
        assertThat(ports).hasSize(3);
        assertThat(ports.values()).doesNotHaveDuplicates().allMatch(p -> p >= 30000 && p <= 30003);
        assertThat(range.assign(plan)).isEqualTo(ports);
    }

    @Test
    void aListenerKeepsItsPreferredPortWhenNothingCollides() {
        Listener a = new Listener(new ServiceKey("bank", "a"), 80);
        ClusterPlan plan = new ClusterPlan("east", 1, List.of(gatewayImport("a", 80)), null, null, null);
        assertThat(GatewayListenerPorts.DEFAULT.assign(plan).get(a))
                .isEqualTo(GatewayListenerPorts.DEFAULT.preferredPort(a));
    }

    @Test
    void importsWithoutGatewayPathGetNoListener() {
        ServiceImport routed = new ServiceImport(new ServiceKey("bank", "r"), null, null, List.of(ServicePort.tcp("h", 80)),
                null, List.of(new ClusterEndpoints("west", null, null, DataPath.ROUTED, 1, 0, null, List.of())));
        assertThat(GatewayListenerPorts.listenersOf(new ClusterPlan("east", 1, List.of(routed), null, null, null)))
                .isEmpty();
    }

    @Test
    void moreListenersThanPortsIsRefused() {
        ClusterPlan plan = new ClusterPlan("east", 1, List.of(gatewayImport("a", 80, 443)), null, null, null);
        assertThatThrownBy(() -> new GatewayListenerPorts(30000, 30000).assign(plan))
                .hasMessageContaining("asks for 2 gateway listeners, more than the 1 ports of 30000-30000");
    }

    @Test
    void rangesParseAndValidate() {
        assertThat(GatewayListenerPorts.parse("20000-29999")).isEqualTo(GatewayListenerPorts.DEFAULT);
        assertThatThrownBy(() -> GatewayListenerPorts.parse("2000")).hasMessageContaining("is not a port range");
        assertThatThrownBy(() -> GatewayListenerPorts.parse("30000-20000"))
                .hasMessageContaining("last port (20000) must be in 30000..65535");
    }
}
