/**
 * The agent's runtime: one thread ({@link io.fedgate.agent.internal.TaskScheduler}) on which every sync runs,
 * debounced ({@link io.fedgate.agent.internal.Debouncer}) and retried with backoff
 * ({@link io.fedgate.agent.internal.Backoff}); the inventory's way to the hub
 * ({@link io.fedgate.agent.internal.HubSync}); the plan's way into the cluster
 * ({@link io.fedgate.agent.internal.ImportApplier}); and the agent's metrics. Not an API: only
 * {@code io.fedgate.agent.ClusterAgent} uses it.
 */
package io.fedgate.agent.internal;
