package io.fedgate.hubclient.protocol;

import java.time.Instant;

/**
 * The hub renewed a cluster's lease.
 *
 * @param inventoryGeneration the inventory generation the hub holds, or null when it holds none (after a
 *                            total hub loss): the agent then sends a full snapshot
 * @param leaseExpiresAt      when the lease runs out without another heartbeat
 */
public record HeartbeatAck(String clusterId, Long inventoryGeneration, Instant leaseExpiresAt) {
}
