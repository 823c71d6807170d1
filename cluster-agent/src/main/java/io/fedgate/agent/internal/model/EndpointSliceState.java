package io.fedgate.agent.internal.model;

import java.util.List;
import java.util.Map;

/**
 * An EndpointSlice of an import: the endpoints one source cluster offers, in one address family.
 *
 * @param addressType {@code IPv4} or {@code IPv6}
 * @param endpoints   sorted by address
 */
public record EndpointSliceState(ObjectKey key, Map<String, String> labels, OwnerRef owner, String addressType,
                                 List<SlicePort> ports, List<SliceEndpoint> endpoints) implements ManagedState {
    public EndpointSliceState {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }
}
