/**
 * The fedgate gateway: active-active replicas that carry gateway-path imports between clusters through
 * mutually authenticated HTTP/2 tunnels, listen for those imports, and choose a serving cluster per
 * connection by the import's global load-balancing policy.
 *
 * <p>Public entry points: {@link io.fedgate.gateway.GatewayServer} started from a {@link
 * io.fedgate.gateway.GatewayConfig} and a {@link io.fedgate.gateway.spi.PlanSource} (e.g. {@link
 * io.fedgate.gateway.PlanFileSource}); {@link io.fedgate.gateway.GatewayTuning} for timings. Errors a
 * caller can act on are {@link io.fedgate.gateway.GatewayException}s.
 *
 * <h2>Listeners</h2>
 * For every TCP port of every import whose plan has a gateway-path serving cluster, each replica listens on
 * {@code listenAddress:P}, where P comes from {@link io.fedgate.api.model.GatewayListenerPorts#assign} over
 * the cluster's plan: a pure function of the plan, so the agent's derived Service can target the same port
 * ({@code targetPort: P}) on every gateway replica without asking them. A connection there is relayed to the
 * chosen serving cluster: own, direct or routed clusters' endpoints are dialled directly; gateway-path
 * clusters through a tunnel to any of their gateways. The backend sees the serving gateway as the source.
 * A headless import gets one listener per TCP port and remote endpoint of its gateway-path clusters instead
 * (the agent puts a per-endpoint derived Service in front of each): its streams name that endpoint, the
 * serving gateway dials that endpoint only, and only when its own plan lists it; there is no failover to
 * another pod, since a per-pod name means that pod.
 *
 * <h2>PROXY protocol</h2>
 * Imports listed in {@link io.fedgate.gateway.GatewayConfig#proxyProtocolImports()} (CLI
 * {@code --proxy-protocol NAMESPACE/NAME}, set on the serving cluster's gateways) get a PROXY protocol v2
 * header first on every backend connection, carrying the original client address and the listener address.
 */
package io.fedgate.gateway;
