package io.fedgate.agent.internal.model;

/**
 * One address of an EndpointSlice endpoint.
 *
 * @param ready    the endpoint's {@code conditions.ready}; an absent condition counts as ready, as the
 *                 EndpointSlice API says
 * @param nodeName the node it runs on, or null (never written for imported endpoints: the node is remote)
 * @param zone     its zone, or null (never written for imported endpoints)
 */
public record SliceEndpoint(String address, boolean ready, String nodeName, String zone) {
    /** An imported endpoint: address and readiness only. */
    public static SliceEndpoint imported(String address, boolean ready) {
        return new SliceEndpoint(address, ready, null, null);
    }
}
