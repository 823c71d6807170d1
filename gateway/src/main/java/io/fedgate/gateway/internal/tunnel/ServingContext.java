package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.model.ServiceKey;
import io.fedgate.gateway.internal.balancing.GlobalBalancer;
import io.fedgate.gateway.internal.relay.EndpointDialer;
import io.fedgate.gateway.internal.routing.ExportTable;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the serving side of tunnels needs to turn an authorized stream into a backend connection.
 *
 * @param exports               the current plan's serving side
 * @param balancer              picks among the own cluster's endpoints (outlier detection included)
 * @param proxyProtocolImports  imports whose backends get a PROXY protocol v2 header
 */
public record ServingContext(Supplier<ExportTable> exports, GlobalBalancer balancer, EndpointDialer dialer,
                             Set<ServiceKey> proxyProtocolImports) {
}
