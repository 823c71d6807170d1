package io.fedgate.gateway.internal.balancing;

/** One try of a route: send the flow to {@code target} of {@code clusterId}. */
public record Attempt<T extends BalancingTarget>(String clusterId, T target) {
}
