package io.fedgate.api.model;

/** The hub's view of a serving cluster's health for one import. */
public enum ClusterHealth {
    /** Lease current and at least one ready endpoint. */
    HEALTHY,
    /** Lease current but no ready endpoint. */
    NO_READY_ENDPOINTS,
    /** The cluster's agent stopped heartbeating: its endpoints are withdrawn, its state kept. */
    LEASE_EXPIRED
}
