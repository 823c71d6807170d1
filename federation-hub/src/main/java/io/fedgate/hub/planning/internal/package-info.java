/**
 * The planning steps {@link io.fedgate.hub.planning.FederationPlanner} composes, one class per job:
 * {@link io.fedgate.hub.planning.internal.PathSelector}, {@link io.fedgate.hub.planning.internal.InterconnectGroupPlanner},
 * {@link io.fedgate.hub.planning.internal.ImportPlanner}, {@link io.fedgate.hub.planning.internal.LoadBalancingPlanner},
 * {@link io.fedgate.hub.planning.internal.TransitSwitchPlanner}, {@link io.fedgate.hub.planning.internal.AvailabilityZonePlanner},
 * {@link io.fedgate.hub.planning.internal.GatewayPeerPlanner}. Pure functions; no promise to callers outside
 * {@code io.fedgate.hub.planning}: use the planner, not these.
 */
package io.fedgate.hub.planning.internal;
