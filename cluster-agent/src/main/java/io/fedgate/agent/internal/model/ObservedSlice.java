package io.fedgate.agent.internal.model;

import java.util.List;

/**
 * An EndpointSlice of a local Service.
 *
 * @param addressType {@code IPv4}, {@code IPv6} or {@code FQDN}
 */
public record ObservedSlice(ObjectKey key, String addressType, List<SlicePort> ports, List<SliceEndpoint> endpoints) {
    public ObservedSlice {
        ports = ports == null ? List.of() : List.copyOf(ports);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
}
