package io.fedgate.api.model;

/** Global load-balancing policy of an import: how a client's cluster picks the serving cluster. */
public enum LoadBalancing {
    /** The client's own cluster when healthy, then the same region, then anything, by priority. */
    LOCAL_FIRST,
    /** Split by cluster weight among healthy clusters of the best priority. */
    WEIGHTED,
    /** Strict order of priorities; the next priority only when the one before is wholly unhealthy. */
    PRIORITY_FAILOVER,
    /** Power of two choices over the tunnels' EWMA round-trip time. */
    LEAST_LATENCY
}
