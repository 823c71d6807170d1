/**
 * Extension points of the agent, implemented outside this module and wired by the {@code cli}:
 * <ul>
 *   <li>{@link io.fedgate.agent.spi.HubLink}: the agent's link to the hub (join, inventory snapshot and
 *       deltas, heartbeats, the plan watch). The production implementation wraps the hub client; tests
 *       use named fakes.</li>
 *   <li>{@link io.fedgate.agent.spi.AvailabilityZoneProgrammer}: writes this cluster's availability zone side
 *       of OVN interconnection (the {@code interconnect} module implements it).</li>
 *   <li>{@link io.fedgate.agent.spi.InterconnectMonitor}: reads what interconnection achieved, for the
 *       inventory's {@code network.interconnect}.</li>
 * </ul>
 * Signatures use only the federation contract ({@code io.fedgate.api.model}) and the JDK: no Kubernetes
 * client, Vert.x or Netty type crosses this boundary.
 */
package io.fedgate.agent.spi;
