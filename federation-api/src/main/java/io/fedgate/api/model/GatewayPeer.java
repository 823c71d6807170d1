package io.fedgate.api.model;

import java.util.List;

/** A peer cluster whose gateways the plan's gateways hold tunnels to. */
public record GatewayPeer(String clusterId, List<GatewayEndpoint> gateways) {
    public GatewayPeer {
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
    }
}
