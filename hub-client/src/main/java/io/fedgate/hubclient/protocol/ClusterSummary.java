package io.fedgate.hubclient.protocol;

import java.time.Instant;

/**
 * One line of {@code GET /v1/clusters}.
 *
 * @param generation    the inventory generation held
 * @param updatedAt     when that inventory was written
 * @param live          whether the lease is current
 * @param lastHeartbeat the last heartbeat or inventory write, null if none since the hub started
 * @param exports       how many services the cluster exports
 * @param planVersion   the cluster's current plan version, 0 when none yet
 * @param region        the cluster's region, null when not reported
 * @param network       the cluster's network kind (wire name)
 */
public record ClusterSummary(String clusterId, long generation, Instant updatedAt, boolean live,
                             Instant lastHeartbeat, int exports, long planVersion, String region, String network) {
}
