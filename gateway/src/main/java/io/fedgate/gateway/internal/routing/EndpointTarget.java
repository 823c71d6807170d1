package io.fedgate.gateway.internal.routing;

import io.fedgate.gateway.internal.balancing.BalancingTarget;
import java.util.Objects;

/**
 * A backend address a gateway connects to itself: an endpoint of its own cluster, or of a cluster reached
 * directly (underlay) or routed (ovn-ic).
 *
 * @param host an IP literal
 */
public record EndpointTarget(String clusterId, String host, int port) implements BalancingTarget {
    public EndpointTarget {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String key() {
        return "endpoint/" + clusterId + "/" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public double rttNanos() {
        return Double.NaN;
    }
}
