package io.fedgate.gateway.internal.listener;

import io.fedgate.gateway.internal.balancing.BalancingTarget;
import io.fedgate.gateway.internal.balancing.ClusterCandidate;
import io.fedgate.gateway.internal.balancing.GlobalBalancer;
import io.fedgate.gateway.internal.balancing.Route;
import io.fedgate.gateway.internal.routing.ImportTable.ListenerRoute;
import io.fedgate.gateway.internal.routing.ImportTable.ServingCluster;
import io.fedgate.gateway.internal.tunnel.TunnelRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a listener's route into balancer candidates: gateway-path clusters are reached through the tunnels
 * to their gateways (any replica), the others through their endpoints; and asks the balancer for a route.
 */
public final class FlowRouter {
    private final GlobalBalancer balancer;
    private final TunnelRegistry tunnels;

    public FlowRouter(GlobalBalancer balancer, TunnelRegistry tunnels) {
        this.balancer = balancer;
        this.tunnels = tunnels;
    }

    /** The balancer shared by all listeners. */
    public GlobalBalancer balancer() {
        return balancer;
    }

    /** The ordered tries for one new connection on {@code listener}. */
    public Route<BalancingTarget> route(ListenerRoute listener) {
        return balancer.route(listener.service(), listener.policy(), candidates(listener));
    }

    /** How many serving clusters of {@code listener}'s import can take traffic now. */
    public int healthyClusters(ListenerRoute listener) {
        return balancer.healthyClusters(listener.service(), candidates(listener));
    }

    private List<ClusterCandidate<BalancingTarget>> candidates(ListenerRoute listener) {
        List<ClusterCandidate<BalancingTarget>> candidates = new ArrayList<>(listener.clusters().size());
        for (ServingCluster sc : listener.clusters()) {
            List<BalancingTarget> targets = new ArrayList<>(sc.viaGateway()
                    ? tunnels.tunnelsTo(sc.cluster().clusterId()) : sc.endpoints());
            candidates.add(new ClusterCandidate<>(sc.cluster().clusterId(), sc.cluster().region(),
                    sc.cluster().priority(), sc.cluster().weight(), sc.cluster().healthy(), sc.local(), targets));
        }
        return candidates;
    }
}
