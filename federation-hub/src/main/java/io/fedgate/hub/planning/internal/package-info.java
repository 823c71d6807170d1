/**
 * The planning steps {@link io.fedgate.hub.planning.FederationPlanner} composes, one class per job:
 * {@link PathSelector}, {@link InterconnectGroupPlanner}, {@link ImportPlanner}, {@link LoadBalancingPlanner},
 * {@link TransitSwitchPlanner}, {@link AvailabilityZonePlanner} and {@link GatewayPeerPlanner}, with the
 * values they pass along ({@link AddressSpace}, {@link OverlapTable}, {@link MergedService}, ...). Pure
 * functions. No promise to callers outside {@code io.fedgate.hub.planning}: use the planner, not these.
 */
package io.fedgate.hub.planning.internal;
