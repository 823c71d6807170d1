package io.fedgate.gateway.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.GatewayListenerPorts.Listener;
import io.fedgate.api.model.GatewayListenerPorts.RemoteEndpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportTableTest {
    private static final ServiceKey PAYMENTS = new ServiceKey("bank", "payments");
    private static final ServiceKey ROUTED_ONLY = new ServiceKey("bank", "routed");

    private static ClusterEndpoints serving(String id, DataPath path, Endpoint... endpoints) {
        return new ClusterEndpoints(id, "eu", null, path, 1, 0, ClusterHealth.HEALTHY, List.of(endpoints));
    }

    @Test
    void listensOnTcpPortsOfImportsWithAGatewayPathAndReachesEachClusterItsWay() {
        ServiceImport payments = new ServiceImport(PAYMENTS, ImportType.CLUSTER_SET_IP, SessionAffinity.NONE,
                List.of(ServicePort.tcp("https", 8443), new ServicePort("dns", 53, Protocol.UDP, null)),
                TrafficPolicy.DEFAULT, List.of(
                        serving("east", DataPath.DIRECT, new Endpoint("10.0.0.1", true, null, null, Map.of("https", 9443)),
                                new Endpoint("10.0.0.2", false, null, null, null)),
                        serving("west", DataPath.GATEWAY, Endpoint.ready("10.0.0.1")),
                        serving("north", DataPath.ROUTED, Endpoint.ready("10.7.0.1"))));
        ServiceImport routed = new ServiceImport(ROUTED_ONLY, null, null, List.of(ServicePort.tcp("http", 80)), null,
                List.of(serving("north", DataPath.ROUTED, Endpoint.ready("10.7.0.9"))));
        ImportTable table = ImportTable.of(new ClusterPlan("east", 3, List.of(payments, routed), null, null, null));

        assertThat(table.routes()).containsOnlyKeys(new Listener(PAYMENTS, 8443));
        ImportTable.ListenerRoute route = table.route(new Listener(PAYMENTS, 8443));
        assertThat(route.clusters()).extracting(c -> c.cluster().clusterId()).containsExactly("east", "west", "north");
        assertThat(route.clusters().get(0).local()).isTrue();
        assertThat(route.clusters().get(0).endpoints()).containsExactly(new EndpointTarget("east", "10.0.0.1", 9443));
        assertThat(route.clusters().get(1).viaGateway()).isTrue();
        assertThat(route.clusters().get(1).endpoints()).isEmpty();
        assertThat(route.clusters().get(2).endpoints()).containsExactly(new EndpointTarget("north", "10.7.0.1", 8443));
        assertThat(table.healthListeners()).containsExactly(Map.entry("bank/payments",
                List.of(new Listener(PAYMENTS, 8443))));
    }

    @Test
    void aHeadlessImportsPerEndpointListenerIsServedByThatEndpointsClusterAlone() {
        ServiceKey web = new ServiceKey("shop", "web");
        ServiceImport headless = new ServiceImport(web, ImportType.HEADLESS, SessionAffinity.NONE,
                List.of(ServicePort.tcp("http", 80)), TrafficPolicy.DEFAULT, List.of(
                        serving("east", DataPath.DIRECT, new Endpoint("10.0.0.1", true, null, null, null, "web-9")),
                        serving("west", DataPath.GATEWAY, new Endpoint("10.0.0.10", true, null, null, null, "web-0")),
                        serving("south", DataPath.GATEWAY, new Endpoint("10.0.0.10", true, null, null, null, "web-2"))));
        ImportTable table = ImportTable.of(new ClusterPlan("east", 3, List.of(headless), null, null, null));

        Listener web0 = new Listener(web, 80, new RemoteEndpoint("west", "web-0"));
        Listener web2 = new Listener(web, 80, new RemoteEndpoint("south", "web-2"));
        assertThat(table.routes()).containsOnlyKeys(web0, web2);
        assertThat(table.route(web0).clusters()).extracting(c -> c.cluster().clusterId()).containsExactly("west");
        assertThat(table.route(web0).clusters().get(0).viaGateway()).isTrue();
        assertThat(table.route(web2).clusters()).extracting(c -> c.cluster().clusterId()).containsExactly("south");
        assertThat(table.healthListeners()).as("health counts each serving cluster of the import once")
                .containsExactly(Map.entry("shop/web", List.of(web2, web0)));
    }
}
