package io.fedgate.gateway.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.gateway.internal.routing.EndpointTarget;
import io.fedgate.gateway.internal.routing.ExportTable;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectAuthorizationHandlerTest {
    private static final ServiceKey PAYMENTS = new ServiceKey("bank", "payments");
    private static final ServiceKey LEDGER = new ServiceKey("bank", "ledger");
    private static final ServiceKey WEB = new ServiceKey("bank", "web");

    private static ServiceImport served(ServiceKey key, String servingCluster, Endpoint... endpoints) {
        return new ServiceImport(key, ImportType.CLUSTER_SET_IP, SessionAffinity.NONE,
                List.of(ServicePort.tcp("https", 8443)), TrafficPolicy.DEFAULT,
                List.of(new ClusterEndpoints(servingCluster, "eu", null, DataPath.DIRECT, 1, 0, ClusterHealth.HEALTHY,
                        List.of(endpoints))));
    }

    private final ExportTable table = ExportTable.of(new ClusterPlan("west", 7, List.of(
            served(PAYMENTS, "west", new Endpoint("10.0.0.1", true, null, null, Map.of("https", 18443)),
                    new Endpoint("10.0.0.2", false, null, null, null)),
            served(LEDGER, "west", new Endpoint("10.0.0.3", false, null, null, null)),
            served(new ServiceKey("bank", "elsewhere"), "east", Endpoint.ready("10.9.9.9")),
            served(WEB, "west", new Endpoint("10.0.0.10", true, null, null, null, "web-0"),
                    new Endpoint("10.0.0.11", false, null, null, null, "web-1"),
                    new Endpoint("10.0.0.12", true, null, null, Map.of("https", 18443), null))), null, null, null));
    private final List<ExportTable.Reason> refusals = new ArrayList<>();
    private final EmbeddedChannel channel = stream();

    /** A new stream's channel: a refusal closes it. */
    private EmbeddedChannel stream() {
        return new EmbeddedChannel(new ConnectAuthorizationHandler(() -> table, refusals::add, "test"));
    }

    private String refusal(ServiceKey key, int port) {
        return refusal(new TunnelTarget(key, port));
    }

    private String refusal(TunnelTarget target) {
        EmbeddedChannel refused = stream();
        refused.writeInbound(new ConnectRequest(target, null, null));
        assertThat((Object) refused.readInbound()).isNull();
        Http2HeadersFrame answer = refused.readOutbound();
        assertThat(answer.isEndStream()).isTrue();
        return answer.headers().status().toString();
    }

    @Test
    void servedTargetPassesWithItsReadyEndpointsOnTheirBackendPort() {
        channel.writeInbound(new ConnectRequest(new TunnelTarget(PAYMENTS, 8443), null, null));
        AuthorizedConnect authorized = channel.readInbound();
        assertThat(authorized.planVersion()).isEqualTo(7);
        assertThat(authorized.served().endpoints()).containsExactly(new EndpointTarget("west", "10.0.0.1", 18443));
        assertThat(channel.pipeline().get(ConnectAuthorizationHandler.class)).isNull();
    }

    @Test
    void importNotInThePlanIsRefused404() {
        assertThat(refusal(new ServiceKey("bank", "ghost"), 8443)).isEqualTo("404");
    }

    @Test
    void importServedOnlyByAnotherClusterIsRefused404() {
        assertThat(refusal(new ServiceKey("bank", "elsewhere"), 8443)).isEqualTo("404");
    }

    @Test
    void portNotOfTheImportIsRefused404() {
        assertThat(refusal(PAYMENTS, 22)).isEqualTo("404");
    }

    @Test
    void importWithoutReadyEndpointIsRefused503() {
        assertThat(refusal(LEDGER, 8443)).isEqualTo("503");
    }

    @Test
    void refusalsAreCountedByReason() {
        refusal(new ServiceKey("bank", "ghost"), 8443);
        refusal(PAYMENTS, 22);
        refusal(LEDGER, 8443);
        assertThat(refusals).containsExactly(ExportTable.Reason.NOT_EXPORTED, ExportTable.Reason.UNKNOWN_PORT,
                ExportTable.Reason.NO_READY_ENDPOINTS);
    }

    @Test
    void perPodStreamIsServedByTheNamedEndpointAlone() {
        channel.writeInbound(new ConnectRequest(new TunnelTarget(WEB, 8443, "web-0"), null, null));
        AuthorizedConnect authorized = channel.readInbound();
        assertThat(authorized.served().endpoints()).containsExactly(new EndpointTarget("west", "10.0.0.10", 8443));
    }

    @Test
    void perPodStreamNamesAnEndpointWithoutHostnameByItsAddress() {
        channel.writeInbound(new ConnectRequest(new TunnelTarget(WEB, 8443, "10.0.0.12"), null, null));
        AuthorizedConnect authorized = channel.readInbound();
        assertThat(authorized.served().endpoints()).containsExactly(new EndpointTarget("west", "10.0.0.12", 18443));
    }

    @Test
    void perPodStreamForAnEndpointOutsideThePlanIsRefused404AndCounted() {
        assertThat(refusal(new TunnelTarget(WEB, 8443, "web-7"))).isEqualTo("404");
        assertThat(refusal(new TunnelTarget(WEB, 8443, "10.0.0.99"))).isEqualTo("404");
        // an endpoint with a hostname is named by it only: its address names nothing
        assertThat(refusal(new TunnelTarget(WEB, 8443, "10.0.0.10"))).isEqualTo("404");
        assertThat(refusals).containsOnly(ExportTable.Reason.UNKNOWN_ENDPOINT).hasSize(3);
    }

    @Test
    void perPodStreamForAnUnreadyEndpointIsRefused503WithoutFallingBackToAnother() {
        assertThat(refusal(new TunnelTarget(WEB, 8443, "web-1"))).isEqualTo("503");
    }
}
