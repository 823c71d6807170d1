/**
 * The cluster agent: one per cluster. It reports the cluster's exports and network to the hub (a snapshot,
 * then deltas) and makes the hub's plan real with the Kubernetes Multi-Cluster Services API (KEP-1645):
 * ServiceImports, derived Services and labelled EndpointSlices, and the {@code Valid}/{@code Conflict}
 * conditions of ServiceExports.
 *
 * <p>Entry points: {@link io.fedgate.agent.ClusterAgent} (configured by {@link io.fedgate.agent.AgentConfig},
 * with its hub link and availability-zone programmer from {@code io.fedgate.agent.spi}), and
 * {@link io.fedgate.agent.ManagementServer} for {@code /metrics}, {@code /healthz} and {@code /readyz}.
 * Invalid configuration is refused with {@link io.fedgate.agent.AgentConfigException}.
 */
package io.fedgate.agent;
