package io.fedgate.gateway.internal.balancing;

/** Something a connection can be sent to: a backend endpoint, or a peer gateway reached through a tunnel. */
public interface BalancingTarget {
    /** Unique name of this target within the gateway; outlier detection counts failures by it. */
    String key();

    /** True when the target can take a flow now (tunnel established and answering PINGs; endpoints: true). */
    boolean live();

    /** EWMA round-trip time in nanoseconds, or NaN when not measured (endpoints). */
    double rttNanos();
}
