package io.fedgate.gateway.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.gateway.internal.balancing.Attempt;
import io.fedgate.gateway.internal.balancing.BalancingListener;
import io.fedgate.gateway.internal.balancing.BalancingSettings;
import io.fedgate.gateway.internal.balancing.ClusterCandidate;
import io.fedgate.gateway.internal.balancing.GlobalBalancer;
import io.fedgate.gateway.internal.balancing.Route;
import io.fedgate.gateway.internal.balancing.Ticker;
import io.fedgate.gateway.internal.routing.EndpointTarget;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AttemptChainTest {
    private static final EndpointTarget TUNNEL = new EndpointTarget("b", "198.18.2.11", 15001);
    private final GlobalBalancer balancer = new GlobalBalancer("c", BalancingSettings.DEFAULT, Ticker.SYSTEM,
            new Random(1), new BalancingListener() { });

    private Route<EndpointTarget> route() {
        return balancer.route("shop/web", TrafficPolicy.DEFAULT,
                List.of(new ClusterCandidate<>("b", null, 0, 1, true, false, List.of(TUNNEL))));
    }

    /** Runs {@code flows} flows whose every attempt fails with {@code failure}. */
    private void failFlows(int flows, FlowOpenException failure, boolean perPod) {
        Function<Attempt<EndpointTarget>, Future<? extends Channel>> dial =
                a -> ImmediateEventExecutor.INSTANCE.<Channel>newFailedFuture(failure);
        for (int i = 0; i < flows; i++) {
            assertThat(AttemptChain.run(balancer, route(), dial, ImmediateEventExecutor.INSTANCE, perPod).cause())
                    .hasMessageContaining("1 attempt(s) failed");
        }
    }

    @Test
    void perPodRefusalsAnsweredByTheServingGatewayDoNotEjectTheTunnel() {
        failFlows(10, FlowOpenException.answered("shop/web:80@web-3 via b/b1: peer answered :status 404"), true);

        assertThat(balancer.isEjected(TUNNEL.key())).isFalse();
    }

    @Test
    void perPodFlowsThatTheTunnelFailsStillEjectIt() {
        failFlows(10, new FlowOpenException("shop/web:80@web-0 via b/b1: tunnel is not up"), true);

        assertThat(balancer.isEjected(TUNNEL.key())).isTrue();
    }

    @Test
    void refusalsOfServiceFlowsStillCountAgainstTheTunnel() {
        failFlows(10, FlowOpenException.answered("shop/api:80 via b/b1: peer answered :status 503"), false);

        assertThat(balancer.isEjected(TUNNEL.key())).isTrue();
    }
}
