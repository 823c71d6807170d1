package io.fedgate.agent.internal.model;

/**
 * One address of an EndpointSlice endpoint.
 *
 * @param hostname the endpoint's {@code hostname} (a StatefulSet pod's name under a headless Service), or null;
 *                 imported endpoints keep it, so that {@code <hostname>.<cluster>.<svc>.<ns>} resolves
 *
 * @param ready    the endpoint's {@code conditions.ready}; an absent condition counts as ready, as the
 *                 EndpointSlice API says
 * @param nodeName the node it runs on, or null (never written for imported endpoints: the node is remote)
 * @param zone     its zone, or null (never written for imported endpoints)
 */
public record SliceEndpoint(String address, boolean ready, String nodeName, String zone, String hostname) {
    /** An endpoint without a hostname. */
    public SliceEndpoint(String address, boolean ready, String nodeName, String zone) {
        this(address, ready, nodeName, zone, null);
    }

    /** An imported endpoint: address and readiness only. */
    public static SliceEndpoint imported(String address, boolean ready) {
        return new SliceEndpoint(address, ready, null, null, null);
    }

    /** An imported endpoint with the hostname it has in its own cluster (null for none). */
    public static SliceEndpoint imported(String address, boolean ready, String hostname) {
        return new SliceEndpoint(address, ready, null, null, hostname);
    }
}
