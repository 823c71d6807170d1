/**
 * The federation hub: {@link io.fedgate.hub.FederationHub} runs one member (Hazelcast member, mutual-TLS
 * API, management port, planner) from a {@link io.fedgate.hub.HubConfig}; {@link io.fedgate.hub.FederationHubMain}
 * runs one until the JVM stops. Failures: {@link io.fedgate.hub.HubConfigException} (the config file, every
 * problem with its key) and {@link io.fedgate.hub.HubStartupException} (the start-up step that failed).
 *
 * <p>The planners are {@code io.fedgate.hub.planning} (pure); everything else is in
 * {@code io.fedgate.hub.internal.*}:
 * <ul>
 *   <li>{@code state}: Hazelcast structures (synchronous backups), inventory writes, persistence of what
 *       only the hub decides to every member's {@code dataDir};</li>
 *   <li>{@code access}: authorization (pure) and join tokens;</li>
 *   <li>{@code audit}: the hash-chained audit log and its file;</li>
 *   <li>{@code ca}: the cluster set's CA, server and admin certificates;</li>
 *   <li>{@code replan}: leader election, debounced re-planning, leases, version stamping, the plan feed;</li>
 *   <li>{@code api}: the Vert.x API and management servers.</li>
 * </ul>
 *
 * <h2>Persistence</h2>
 * Soft state (inventories, leases, plans) lives only in Hazelcast, with one synchronous backup, and is
 * rebuilt from agents after a total loss: an agent whose heartbeat answer says the hub holds no inventory,
 * or whose write gets a 409, resends a snapshot. What only the hub decides (CA, join tokens, transit
 * allocations, plan version numbers, cluster removals, audit log) is also written by <em>every</em> member to
 * its own {@code dataDir} on each change (temporary file, fsync, rename) and merged back on start with
 * forward-only rules (later removal, used token, higher revision or version win), so any one surviving disk
 * restores it and a stale one cannot roll it back. Replicating through Hazelcast rather than a shared volume
 * keeps members independent: the chart gives each its own ReadWriteOnce claim.
 */
package io.fedgate.hub;
