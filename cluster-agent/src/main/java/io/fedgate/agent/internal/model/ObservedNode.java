package io.fedgate.agent.internal.model;

import java.util.List;

/**
 * A Node.
 *
 * @param region          its {@code topology.kubernetes.io/region} label, or null
 * @param zone            its {@code topology.kubernetes.io/zone} label, or null
 * @param podCidrs        {@code spec.podCIDRs} as written
 * @param fedgateGateway  labelled {@code fedgate.io/gateway=true}: may carry fedgate gateways
 * @param externalAddress its first {@code ExternalIP}, or null
 * @param internalAddress its first {@code InternalIP}, or null
 */
public record ObservedNode(String name, String region, String zone, List<String> podCidrs, boolean fedgateGateway,
                           String externalAddress, String internalAddress) {
    public ObservedNode {
        podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
    }
}
