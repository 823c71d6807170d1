package io.fedgate.hub.planning.internal;

import java.util.List;

/**
 * One availability zone attached to the transit switches.
 *
 * @param gatewayNodes the AZ's ovn-ic gateway nodes (chassis names) in preference order
 */
public record InterconnectMember(String clusterId, String availabilityZone, List<String> gatewayNodes) {
    public InterconnectMember {
        gatewayNodes = gatewayNodes == null ? List.of() : List.copyOf(gatewayNodes);
    }
}
