package io.fedgate.api.model;

/**
 * How traffic for one import travels between one pair of clusters. Chosen per service per cluster pair
 * by the hub.
 */
public enum DataPath {
    /** Both sides are underlay subnets the fabric already routes, no overlap: endpoints used as they are. */
    DIRECT,
    /** OVN interconnection (transit switches and learned routes) joins the clusters at L3. */
    ROUTED,
    /** Replicated gateways carry L4 flows through mTLS tunnels and NAT them. */
    GATEWAY
}
