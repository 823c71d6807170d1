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

    private static ServiceImport headlessImport() {
        ClusterEndpoints a = new ClusterEndpoints("a", null, null, DataPath.GATEWAY, 1, 0, null, List.of(
                new Endpoint("10.0.0.10", true, null, null, null, "web-0"),
                new Endpoint("10.0.0.11", false, null, null, null, "web-1")));
        ClusterEndpoints b = new ClusterEndpoints("b", null, null, DataPath.GATEWAY, 1, 0, null, List.of(
                new Endpoint("10.0.0.10", true, null, null, null, null)));
        ClusterEndpoints routed = new ClusterEndpoints("r", null, null, DataPath.ROUTED, 1, 0, null, List.of(
                new Endpoint("10.9.0.1", true, null, null, null, "web-9")));
        return new ServiceImport(new ServiceKey("bank", "web"), ImportType.HEADLESS, null,
                List.of(ServicePort.tcp("http", 80), ServicePort.tcp("admin", 81),
                        new ServicePort("dns", 53, Protocol.UDP, null)), null, List.of(a, b, routed));
    }

    @Test
    void headlessImportsGetOneListenerPerRemoteEndpointAndTcpPortNamedByHostnameElseAddress() {
        ServiceKey web = new ServiceKey("bank", "web");
        ClusterPlan plan = new ClusterPlan("east", 1, List.of(headlessImport()), null, null, null);
        List<Listener> listeners = GatewayListenerPorts.listenersOf(plan);
        GatewayListenerPorts.RemoteEndpoint web0 = new GatewayListenerPorts.RemoteEndpoint("a", "web-0");
        GatewayListenerPorts.RemoteEndpoint web1 = new GatewayListenerPorts.RemoteEndpoint("a", "web-1");
        GatewayListenerPorts.RemoteEndpoint unnamed = new GatewayListenerPorts.RemoteEndpoint("b", "10.0.0.10");
        // no listener for the whole service, none for the routed cluster's endpoint, none for UDP
        assertThat(listeners).containsExactly(
                new Listener(web, 80, web0), new Listener(web, 80, web1), new Listener(web, 80, unnamed),
                new Listener(web, 81, web0), new Listener(web, 81, web1), new Listener(web, 81, unnamed));
        Map<Listener, Integer> ports = GatewayListenerPorts.DEFAULT.assign(plan);
        assertThat(ports.values()).doesNotHaveDuplicates();
        assertThat(ports.get(new Listener(web, 80, web0)))
                .isEqualTo(GatewayListenerPorts.DEFAULT.preferredPort(new Listener(web, 80, web0)))
                .isNotEqualTo(GatewayListenerPorts.DEFAULT.preferredPort(new Listener(web, 80)));
    }

    @Test
    void aRemoteEndpointNamesItsEndpointByHostnameElseByAddress() {
        Endpoint named = new Endpoint("10.0.0.10", true, null, null, null, "web-0");
        Endpoint unnamed = Endpoint.ready("10.0.0.10");
        assertThat(GatewayListenerPorts.RemoteEndpoint.of("a", named).names(named)).isTrue();
        assertThat(GatewayListenerPorts.RemoteEndpoint.of("a", named).names(unnamed)).isFalse();
        assertThat(GatewayListenerPorts.RemoteEndpoint.of("a", unnamed).names(unnamed)).isTrue();
        assertThat(GatewayListenerPorts.RemoteEndpoint.of("a", unnamed).names(named)).isFalse();
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
