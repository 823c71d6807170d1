package io.fedgate.hubclient.protocol;

import java.time.Instant;
import java.util.List;

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
 * @param interconnectMode who owns the cluster's OVN interconnection ({@code kube-ovn} or {@code fedgate}) as its
 *                      agent reports it; null when it reports no interconnect state
 * @param routesInPlace  whether interconnection carries every pair this cluster forms with another reporting
 *                      one (both ovn-ic active, both AZs registered, no problem, each side learned the other's
 *                      prefixes); null when it reports nothing or has no such peer
 * @param interconnectProblems what the cluster's agent reports wrong with interconnection; empty when nothing
 */
public record ClusterSummary(String clusterId, long generation, Instant updatedAt, boolean live,
                             Instant lastHeartbeat, int exports, long planVersion, String region, String network,
                             String interconnectMode, Boolean routesInPlace, List<String> interconnectProblems) {
    public ClusterSummary {
        interconnectProblems = interconnectProblems == null ? List.of() : List.copyOf(interconnectProblems);
    }
}
